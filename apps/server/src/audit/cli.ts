/**
 * `npm run audit -- verify`: rebuilds every read model from the events into a scratch store and compares it
 * with the live one, document by document; prints the differences; exit code 0 only when they are equal.
 *
 *   MONGODB_URL set        the live read models are in MongoDB: compared directly (the event store is the
 *                          configured one: DATA_DIR's SQLite file or EVENTSTORE_URL)
 *   --server URL --token T the embedded default keeps read models in the server's memory: the running
 *                          server verifies itself (GET /api/audit/verify, owner or auditor session token)
 *
 * `npm run audit -- what-if --site S --from T1 --to T2 --rules rules.json`: replays the site's period from the
 * configured event store under the rules in force and under the file's rules (what-if.ts) and prints the comparison.
 */
import { createEventStore } from '@kefu/event-store';
import { MongoReadStore } from '@kefu/read-store';
import { allProjections } from '@kefu/projections';
import { configFromEnv } from '../config';
import { readFile } from 'node:fs/promises';
import { formatReport, verifyReadModels, type VerifyReport } from './verify';
import { formatWhatIf, parseRules, whatIf, type HistoryEvent } from './what-if';

const USAGE = `usage: npm run audit -- verify [--server http://localhost:3000 --token <session token>]
  With MONGODB_URL set, the live read models in MongoDB are compared with a rebuild from the event store
  (DATA_DIR/events.db or EVENTSTORE_URL). Without it, the read models live in the server's memory:
  pass --server and --token (an owner's or auditor's session) and the server verifies itself.
usage: npm run audit -- what-if --site <siteId> --from <ISO instant> --to <ISO instant> --rules <rules.json>
  Replays the visits and chat requests of the period (read from DATA_DIR/events.db or EVENTSTORE_URL)
  through the invitation and routing deciders, under the rules in force and under the rules file:
  { "invitation": { "auto": { "enabled": true, "afterSeconds": 60, "maxRefusals": 3, "waitAfterRefusalSeconds": 300 } },
    "agentCaps": { "<agent user id>": 1, "*": null } }   (every field optional; null = no cap; "*" = other agents)`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function viaServer(server: string, token: string): Promise<VerifyReport> {
  const res = await fetch(`${server.replace(/\/+$/, '')}/api/audit/verify`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as VerifyReport & { message?: string };
  if (!res.ok) throw new Error(`the server answered ${res.status}: ${body.message ?? JSON.stringify(body)}`);
  return body;
}

async function viaMongo(url: string): Promise<VerifyReport> {
  const config = configFromEnv(process.env, { log: () => undefined });
  const events = await createEventStore(config.eventStore);
  const live = await MongoReadStore.connect(url);
  try {
    const head = await events.headPosition();
    // The live projector may still be applying the last events: compare once every checkpoint reached the head.
    for (let waited = 0; ; waited += 500) {
      const checkpoints = await Promise.all(allProjections.map((p) => live.getCheckpoint(p.name)));
      const behind = checkpoints.filter((c, i) => !c || c.position < head || c.version !== allProjections[i]!.version);
      if (behind.length === 0) break;
      if (waited >= 30_000) throw new Error(`the live read models are not caught up with position ${head} (is the server running?)`);
      await new Promise((r) => setTimeout(r, 500));
    }
    return await verifyReadModels(events, live, allProjections, (line) => console.error(line));
  } finally {
    await live.close();
    await events.close();
  }
}

const PAGE = 10_000;

/** The site's events and every agent status change, in $all order (presence events carry no site id). */
async function siteHistory(siteId: string): Promise<HistoryEvent[]> {
  const config = configFromEnv(process.env, { log: () => undefined });
  const events = await createEventStore(config.eventStore);
  try {
    const kept: HistoryEvent[] = [];
    for (let after = 0; ;) {
      const page = await events.readAll({ after, maxCount: PAGE });
      for (const e of page)
        if (e.type === 'AgentStatusChanged' || (e.data as { siteId?: unknown } | null)?.siteId === siteId) kept.push({ type: e.type, data: e.data });
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.position;
    }
    return kept;
  } finally {
    await events.close();
  }
}

async function whatIfCommand(args: string[]): Promise<number> {
  const [siteId, from, to, rulesPath] = ['--site', '--from', '--to', '--rules'].map((n) => option(args, n));
  if (!siteId || !from || !to || !rulesPath) {
    console.error(USAGE);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(rulesPath, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the rules file ${rulesPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const rules = parseRules(json);
  const history = await siteHistory(siteId);
  console.log(formatWhatIf(whatIf(history, rules, { siteId, from, to })));
  return 0;
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'what-if') return whatIfCommand(rest);
  if (command !== 'verify') {
    console.error(USAGE);
    return 2;
  }
  const server = option(rest, '--server');
  const token = option(rest, '--token') ?? process.env['KEFU_TOKEN'];
  const mongo = process.env['MONGODB_URL'];
  let report: VerifyReport;
  if (server) {
    if (!token) throw new Error('--server needs --token <session token> (or KEFU_TOKEN)');
    report = await viaServer(server, token);
  } else if (mongo) {
    report = await viaMongo(mongo);
  } else {
    console.error(USAGE);
    return 2;
  }
  console.log(formatReport(report));
  return report.equal ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
