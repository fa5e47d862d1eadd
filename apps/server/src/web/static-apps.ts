import type { Express, NextFunction, Request, Response } from 'express';
import express from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Paths } from '@kefu/contracts';
import { demoLanguage, demoPage } from './demo-page';

/**
 * Images in chats (and fixed-link previews) are sent by reference and live on any host the agent
 * or visitor links to, so every http(s) origin may serve images. Only images: scripts, frames and
 * connections stay restricted, and the UIs make an <img> only of http(s) references.
 */
const CHAT_IMAGES = ["'self'", 'data:', 'https:', 'http:'];

/**
 * Serves the built front-ends and the demo page. Security headers everywhere; the widget (framed
 * by customers' sites) and the loader (a cross-origin script) get the relaxations they need and
 * no more: the consoles may not be framed at all.
 */
export function mountWebApps(app: Express, uiDir: string): void {
  const strict = helmet({
    contentSecurityPolicy: {
      directives: {
        'connect-src': ["'self'", 'ws:', 'wss:'],
        'img-src': CHAT_IMAGES,
        'frame-ancestors': ["'none'"],
        'frame-src': ["'self'"],
      },
    },
  });
  const framable = helmet({
    frameguard: false,
    contentSecurityPolicy: {
      directives: { 'connect-src': ["'self'", 'ws:', 'wss:'], 'img-src': CHAT_IMAGES, 'frame-ancestors': ['*'] },
    },
  });
  const crossOriginScript = helmet({ crossOriginResourcePolicy: { policy: 'cross-origin' } });

  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path === Paths.loader) return crossOriginScript(req, res, next);
    if (req.path.startsWith(Paths.widget) || req.path === Paths.widget.slice(0, -1)) return framable(req, res, next);
    return strict(req, res, next);
  });

  app.get(Paths.loader, (_req, res) => {
    const file = join(uiDir, 'loader', 'loader.js');
    if (!existsSync(file)) return res.status(404).type('text/plain').send('loader not built: run npm run build');
    res.setHeader('Cache-Control', 'no-cache');
    return res.sendFile(file);
  });
  app.get(Paths.demo, (req, res) => {
    res.type('html').send(demoPage(req.query['site'], req.query['page'], demoLanguage(req.query['lang'], req.get('accept-language'))));
  });
  app.get('/', (_req, res) => res.redirect(Paths.admin));

  for (const [prefix, folder] of [
    [Paths.admin, 'admin-console'],
    [Paths.agent, 'agent-workspace'],
    [Paths.widget, 'visitor-widget'],
  ] as const) {
    const root = join(uiDir, folder, 'browser');
    const base = prefix.slice(0, -1);
    app.use(
      base,
      express.static(root, { index: false, maxAge: '1h', setHeaders: (res, path) => path.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache') }),
    );
    // Single-page apps: every other GET under the prefix is the app's index.html.
    app.use(base, (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      const index = join(root, 'index.html');
      if (!existsSync(index)) return res.status(404).type('text/plain').send(`${folder} not built: run npm run build`);
      res.setHeader('Cache-Control', 'no-cache');
      return res.sendFile(index);
    });
  }
}
