/**
 * Reads a .cpuprofile (V8 sampling profile) and says where the time went: self time per function, and
 * the same grouped by "our code / node_modules package / node internals", so a missed goal can be
 * pinned on what is ours to fix. Also writes folded stacks (`a;b;c count`), the input of any flame graph
 * tool (speedscope opens the .cpuprofile itself).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from './server-process';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  if (!url) return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (path.startsWith('node:')) return 'node';
  return relative(ROOT, path);
}

function selfTimes(profile: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  return self;
}

/** The `limit` functions with the most self time, as printable lines ("12.3%  name  file:line"). */
export function hottestFunctions(file: string, limit = 15): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const self = selfTimes(profile);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    if (t === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const owner = where(url);
    const key = `${functionName || '(anonymous)'}  ${owner}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + t);
    const group =
      owner.startsWith('apps/') || owner.startsWith('libs/') || owner.startsWith('projections/') ? `ours: ${owner.split('/').slice(0, 2).join('/')}` : owner;
    byOwner.set(group, (byOwner.get(group) ?? 0) + t);
  }
  const pct = (t: number) => `${((100 * t) / total).toFixed(1)}%`.padStart(6);
  const top = [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
  const owners = [...byOwner.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  writeFolded(profile, file.replace(/\.cpuprofile$/, '.folded'));
  return [...top.map(([k, t]) => `${pct(t)}  ${k}`), 'by owner: ' + owners.map(([k, t]) => `${k} ${pct(t).trim()}`).join(', ')];
}

function writeFolded(profile: CpuProfile, out: string): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = selfTimes(profile);
  const lines: string[] = [];
  for (const [id, t] of self) {
    const stack: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      stack.push(`${f.functionName || '(anonymous)'} ${where(f.url)}`.replace(/;/g, ','));
    }
    lines.push(`${stack.reverse().join(';')} ${Math.round(t)}`);
  }
  writeFileSync(out, lines.join('\n') + '\n');
}
