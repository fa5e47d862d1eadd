/**
 * K4 verify: rebuild every read model from the events into a scratch store and compare it with the live
 * store, document by document (the `_position` guard field included: the same events must have been
 * applied to every document). Used by `npm run audit -- verify`, GET /api/audit/verify and the int-spec.
 */
import type { EventStore } from '@kefu/event-store';
import { Projector, type Projection } from '@kefu/projector';
import { MemoryReadStore, type Doc, type ReadStore } from '@kefu/read-store';

export interface DocumentDifference {
  collection: string;
  id: string;
  kind: 'only_live' | 'only_rebuilt' | 'different';
  /** Field paths whose values differ (first few). */
  fields?: string[];
}

export interface VerifyReport {
  equal: boolean;
  /** Head position both sides were compared at. */
  position: number;
  collections: number;
  documents: number;
  differences: DocumentDifference[];
  /** Differences beyond the ones listed. */
  more: number;
}

const LISTED = 50;

/** Replays every event up to the head into `scratch` (fresh) with the given projections. */
export async function rebuildInto(
  events: EventStore,
  scratch: ReadStore,
  projections: readonly Projection[],
  log: (line: string) => void = () => undefined,
): Promise<number> {
  const projector = new Projector(events, scratch, [...projections], { log, progressEvery: 100_000 });
  await projector.start();
  const status = projector.status();
  await projector.stop();
  const failed = status.projections.filter((p) => p.phase === 'failed');
  if (failed.length > 0)
    throw new Error(`rebuild failed: ${failed.map((f) => `${f.name} at ${f.failure?.position} (${f.failure?.type}): ${f.failure?.message}`).join('; ')}`);
  return status.head;
}

/** Compares two read stores over the projections' collections. */
export async function compareStores(live: ReadStore, rebuilt: ReadStore, projections: readonly Projection[]): Promise<Omit<VerifyReport, 'position'>> {
  const differences: DocumentDifference[] = [];
  let more = 0;
  let documents = 0;
  let collections = 0;
  const note = (d: DocumentDifference) => (differences.length < LISTED ? differences.push(d) : more++);
  for (const p of projections) {
    for (const collection of p.collections) {
      collections++;
      const [a, b] = await Promise.all([live.find(collection, {}), rebuilt.find(collection, {})]);
      const liveById = new Map(a.map((d) => [d._id, d]));
      const rebuiltById = new Map(b.map((d) => [d._id, d]));
      documents += Math.max(a.length, b.length);
      for (const [id, doc] of liveById) {
        const other = rebuiltById.get(id);
        if (!other) note({ collection, id, kind: 'only_live' });
        else {
          const fields = differingPaths(doc, other);
          if (fields.length > 0) note({ collection, id, kind: 'different', fields: fields.slice(0, 5) });
        }
      }
      for (const id of rebuiltById.keys()) if (!liveById.has(id)) note({ collection, id, kind: 'only_rebuilt' });
    }
  }
  return { equal: differences.length === 0, collections, documents, differences, more };
}

/** Rebuilds into a scratch memory store and compares with `live`; the caller makes sure `live` is caught up. */
export async function verifyReadModels(
  events: EventStore,
  live: ReadStore,
  projections: readonly Projection[],
  log?: (line: string) => void,
): Promise<VerifyReport> {
  const scratch = new MemoryReadStore();
  try {
    const position = await rebuildInto(events, scratch, projections, log);
    return { position, ...(await compareStores(live, scratch, projections)) };
  } finally {
    await scratch.close();
  }
}

function differingPaths(a: unknown, b: unknown, path = ''): string[] {
  if (Object.is(a, b)) return [];
  const bothObjects = typeof a === 'object' && typeof b === 'object' && a !== null && b !== null;
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) return [path || '(document)'];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}.length`];
    return a.flatMap((x, i) => differingPaths(x, b[i], `${path}[${i}]`));
  }
  const keys = new Set([...Object.keys(a as Doc), ...Object.keys(b as Doc)]);
  return [...keys].flatMap((k) => differingPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
}

export function formatReport(r: VerifyReport): string {
  const head = r.equal
    ? `verify: rebuild == live at position ${r.position}: ${r.documents} documents in ${r.collections} collections are equal`
    : `verify: rebuild != live at position ${r.position}: ${r.differences.length + r.more} document(s) differ`;
  const lines = r.differences.map((d) => `  ${d.kind.padEnd(12)} ${d.collection}/${d.id}${d.fields ? `  fields: ${d.fields.join(', ')}` : ''}`);
  if (r.more > 0) lines.push(`  … and ${r.more} more`);
  return [head, ...lines].join('\n');
}
