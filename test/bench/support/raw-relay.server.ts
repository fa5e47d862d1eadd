/**
 * The baselines of the message-path benchmark, run in a child process exactly like the product:
 * a bare socket.io server on the product's two namespaces (/visitor, /agent) that relays each message
 * to the chat's room and acks it. No auth, validation, decider, projection or fan-out through a store.
 *
 * With RAW_DURABLE=1 it also writes each message durably before acking and relaying: a raw better-sqlite3
 * insert into the product's events table (WAL + synchronous=FULL), the messages that arrive in one event
 * loop turn sharing one transaction — the least any durable relay must pay.
 *
 * It answers GET /api/health so ServerProcess can wait for it like for the product.
 */
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Server, type Socket } from 'socket.io';

interface RelayedMessage {
  chatId: string;
  clientId: string;
  text: string;
}
type Ack = (answer: { ok: true; data: { position: number } } | { ok: false; error: { code: string; message: string } }) => void;

const port = Number(process.env['PORT'] ?? 0);
const dbFile = process.env['RAW_DURABLE'] === '1' ? join(process.env['DATA_DIR'] ?? tmpdir(), 'raw-relay.db') : undefined;

const http = createServer((req, res) => {
  if (req.url === '/api/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(http, { transports: ['websocket'], serveClient: false });

let commitDurably: ((m: RelayedMessage, done: (position: number) => void) => void) | undefined;
if (dbFile) {
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS events (
    position  INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT    NOT NULL,
    revision  INTEGER NOT NULL,
    id        TEXT    NOT NULL UNIQUE,
    type      TEXT    NOT NULL,
    data      TEXT    NOT NULL,
    metadata  TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  )`);
  const insert = db.prepare('INSERT INTO events (stream_id, revision, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const revisions = new Map<string, number>();
  let pending: { m: RelayedMessage; done: (position: number) => void }[] = [];
  const writeBatch = db.transaction((batch: typeof pending) =>
    batch.map(({ m }) => {
      const revision = (revisions.get(m.chatId) ?? -1) + 1;
      revisions.set(m.chatId, revision);
      const data = JSON.stringify({ chatId: m.chatId, messageId: m.clientId, text: m.text });
      return Number(insert.run(`chat-${m.chatId}`, revision, m.clientId, 'MessagePosted', data, '{}').lastInsertRowid);
    }),
  );
  commitDurably = (m, done) => {
    pending.push({ m, done });
    if (pending.length > 1) return;
    setImmediate(() => {
      const batch = pending;
      pending = [];
      const positions = writeBatch.immediate(batch);
      batch.forEach(({ done: finish }, i) => finish(positions[i]!));
    });
  };
}

let position = 0;
for (const name of ['/visitor', '/agent']) {
  io.of(name).on('connection', (socket: Socket) => {
    socket.on('relay:join', (body: { chatId: string }, ack: Ack) => {
      void socket.join(`chat:${body.chatId}`);
      ack({ ok: true, data: { position } });
    });
    socket.on('chat:send', (body: RelayedMessage, ack: Ack) => {
      const relay = (at: number) => {
        const event = { kind: 'message', id: body.clientId, chatId: body.chatId, position: at, text: body.text };
        io.of('/visitor').to(`chat:${body.chatId}`).emit('chat:event', event);
        io.of('/agent').to(`chat:${body.chatId}`).emit('chat:event', event);
        ack({ ok: true, data: { position: at } });
      };
      if (commitDurably) commitDurably(body, relay);
      else relay(++position);
    });
  });
}

http.listen(port, '127.0.0.1', () => console.log(`raw relay ready on ${port}${dbFile ? ' (durable)' : ''}`));
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
