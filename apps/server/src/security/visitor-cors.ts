import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { ReadStore } from '@kefu/read-store';
import { SITES } from '@kefu/projections';
import { READ_STORE } from '../platform/tokens';

/** The host of an Origin header, or undefined when it is not an http(s) origin. */
function originHost(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/** The host and each parent domain: a page on a.b.example.com is allowed by b.example.com or example.com. */
export function hostAndParents(host: string): string[] {
  const parts = host.split('.');
  return parts.map((_, i) => parts.slice(i).join('.')).filter((h) => h.length > 0);
}

/**
 * CORS for the visitor side only (/api/visitor/*): the widget runs in an iframe on this server's own
 * origin, so cross-origin calls come only from customers' pages, and only an origin that is an
 * allowed domain of some live site is answered with CORS headers. The handler then checks the
 * origin against the one site the request names. Every other route sends no CORS headers at all.
 */
@Injectable()
export class VisitorCors implements NestMiddleware {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const origin = req.headers.origin;
    const host = typeof origin === 'string' ? originHost(origin) : undefined;
    const allowed = host !== undefined && (await this.allowedSomewhere(host));
    if (allowed && typeof origin === 'string') {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'content-type');
        res.setHeader('Access-Control-Max-Age', '600');
      }
    }
    if (req.method === 'OPTIONS') {
      res.status(allowed ? 204 : 403).end();
      return;
    }
    next();
  }

  private async allowedSomewhere(host: string): Promise<boolean> {
    const n = await this.reads.count(SITES, { allowedDomains: { $in: hostAndParents(host) }, deletedAt: { $exists: false } });
    return n > 0;
  }
}
