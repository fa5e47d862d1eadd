/**
 * Writes the latest full `npm run bench` into BENCHMARKS.md (the part between the figures markers; the
 * prose around it is kept) and draws test/bench/latency-vs-load.svg (committed beside the benchmarks; results/ is not) from the message-path levels:
 * p99 and p50 send → delivery latency against the offered rate, for the product and both baselines.
 * Plain SVG written here: no plotting package.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { valueText, type BenchRow } from './bench-row';
import type { MessagePathResult } from './message-path.bench';
import { ROOT } from './support/server-process';

const START = '<!-- figures:start (written by npm run bench) -->';
const END = '<!-- figures:end -->';
export const PLOT_FILE = join(__dirname, 'latency-vs-load.svg');

const fmt = (n: number | undefined, digits = 1) => (n === undefined || !Number.isFinite(n) ? '' : n.toLocaleString('en-US', { maximumFractionDigits: digits }));
const cell = (s: string) => s.replace(/\|/g, '\\|');

export function figuresMarkdown(rows: BenchRow[], machine: string, at: string, mp: MessagePathResult | undefined): string {
  const lines = [
    `Run of ${at.slice(0, 10)} (${at}) on ${machine}.`,
    '',
    '| benchmark | value | baseline (same run) | ratio | goal | met |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${cell(r.name)} | ${valueText(r, fmt)} | ${r.baseline ? `${cell(r.baseline)}: ${fmt(r.baselineValue)} ${r.unit}` : ''} | ${r.ratio === undefined ? '' : r.ratio.toFixed(2)} | ${cell(r.goal ?? '')} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} |`,
    ),
    '',
    'Notes per row:',
    '',
    ...rows.filter((r) => r.note).map((r) => `- ${cell(r.name)}: ${r.note}`),
  ];
  if (mp) {
    lines.push(
      '',
      `Message path, every level (${mp.pairs} chats, ${mp.agents} agents, ${mp.durationMs / 1000} s measured per level; latencies in ms from the moment a message was due):`,
      '',
      '| system | offered msg/s | achieved msg/s | ack p50 | ack p99 | delivery p50 | delivery p99 | server CPU ms/msg | lost |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const s of mp.systems) {
      for (const l of [...s.levels].sort((a, b) => a.offered - b.offered)) {
        lines.push(
          `| ${s.name} | ${l.offered} | ${l.achieved} | ${fmt(l.ack.p50)} | ${fmt(l.ack.p99)} | ${fmt(l.delivery.p50)} | ${fmt(l.delivery.p99)} | ${fmt(l.serverCpuMsPerMessage, 3)} | ${l.lost} |`,
        );
      }
    }
    lines.push('', `![p99 and p50 latency against offered load](test/bench/latency-vs-load.svg)`);
  }
  return lines.join('\n');
}

export function writeBenchmarksMd(rows: BenchRow[], machine: string, at: string, mp: MessagePathResult | undefined): void {
  const file = join(ROOT, 'BENCHMARKS.md');
  const figures = `${START}\n${figuresMarkdown(rows, machine, at, mp)}\n${END}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const from = current.indexOf(START);
  const to = current.indexOf(END);
  const next = from >= 0 && to > from ? current.slice(0, from) + figures + current.slice(to + END.length) : `${current.trimEnd()}\n\n${figures}\n`;
  writeFileSync(file, next);
}

const COLORS: Record<string, string> = { product: '#d62728', 'raw relay': '#1f77b4', 'raw relay + raw SQLite': '#2ca02c' };

/** Latency (log scale) against offered msg/s; p99 solid, p50 dashed; the 20 and 50 ms goals as grey lines. */
export function latencySvg(mp: MessagePathResult): string {
  const W = 800;
  const H = 440;
  const m = { left: 70, right: 230, top: 40, bottom: 56 };
  const levels = mp.systems.flatMap((s) => s.levels);
  const maxX = Math.max(1000, ...levels.map((l) => l.offered));
  const values = levels.flatMap((l) => [l.delivery.p99, l.delivery.p50]).filter((v) => Number.isFinite(v) && v > 0);
  const minY = 0.5;
  const maxY = Math.max(100, ...values);
  const x = (v: number) => m.left + (v / maxX) * (W - m.left - m.right);
  const y = (v: number) => {
    const t = (Math.log10(Math.max(v, minY)) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY));
    return H - m.bottom - t * (H - m.top - m.bottom);
  };
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${m.left}" y="22" font-size="14" font-weight="bold">Message path: send → delivery latency vs offered load (${mp.at.slice(0, 10)})</text>`,
  ];
  const xStep = maxX > 6000 ? 2000 : 1000;
  for (let v = 0; v <= maxX; v += xStep) {
    out.push(`<line x1="${x(v)}" y1="${m.top}" x2="${x(v)}" y2="${H - m.bottom}" stroke="#eee"/>`);
    out.push(`<text x="${x(v)}" y="${H - m.bottom + 16}" text-anchor="middle">${v}</text>`);
  }
  for (let d = Math.ceil(Math.log10(minY)); d <= Math.log10(maxY); d++) {
    const v = 10 ** d;
    out.push(`<line x1="${m.left}" y1="${y(v)}" x2="${W - m.right}" y2="${y(v)}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 6}" y="${y(v) + 4}" text-anchor="end">${v >= 1 ? v : v.toFixed(1)}</text>`);
  }
  for (const goal of [20, 50]) {
    out.push(`<line x1="${m.left}" y1="${y(goal)}" x2="${W - m.right}" y2="${y(goal)}" stroke="#999" stroke-dasharray="2,3"/>`);
    out.push(`<text x="${W - m.right - 4}" y="${y(goal) - 4}" text-anchor="end" fill="#777">${goal} ms</text>`);
  }
  out.push(`<line x1="${m.left}" y1="${H - m.bottom}" x2="${W - m.right}" y2="${H - m.bottom}" stroke="#333"/>`);
  out.push(`<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${H - m.bottom}" stroke="#333"/>`);
  out.push(`<text x="${(m.left + W - m.right) / 2}" y="${H - 14}" text-anchor="middle">offered load (msg/s)</text>`);
  out.push(`<text transform="translate(18 ${(m.top + H - m.bottom) / 2}) rotate(-90)" text-anchor="middle">latency (ms, log scale)</text>`);
  mp.systems.forEach((s, i) => {
    const color = COLORS[s.name] ?? '#555';
    const pts = [...s.levels].sort((a, b) => a.offered - b.offered);
    for (const [key, dash] of [
      ['p99', ''],
      ['p50', ' stroke-dasharray="5,4"'],
    ] as const) {
      const path = pts
        .filter((l) => Number.isFinite(l.delivery[key]))
        .map((l) => `${x(l.offered).toFixed(1)},${y(l.delivery[key]).toFixed(1)}`)
        .join(' ');
      out.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${path}"/>`);
      for (const l of pts)
        if (Number.isFinite(l.delivery[key]))
          out.push(`<circle cx="${x(l.offered).toFixed(1)}" cy="${y(l.delivery[key]).toFixed(1)}" r="2.5" fill="${color}"/>`);
    }
    const ly = m.top + 10 + i * 40;
    out.push(`<line x1="${W - m.right + 14}" y1="${ly}" x2="${W - m.right + 40}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<text x="${W - m.right + 46}" y="${ly + 4}">${s.name} p99</text>`);
    out.push(
      `<line x1="${W - m.right + 14}" y1="${ly + 16}" x2="${W - m.right + 40}" y2="${ly + 16}" stroke="${color}" stroke-width="2" stroke-dasharray="5,4"/>`,
    );
    out.push(`<text x="${W - m.right + 46}" y="${ly + 20}">${s.name} p50</text>`);
  });
  out.push(`<text x="${W - m.right + 14}" y="${m.top + 140}" fill="#555">${mp.pairs} chats, ${mp.agents} agents</text>`);
  out.push(`<text x="${W - m.right + 14}" y="${m.top + 156}" fill="#555">sustained at p99 ≤ 50 ms:</text>`);
  mp.systems.forEach((s, i) =>
    out.push(`<text x="${W - m.right + 14}" y="${m.top + 172 + i * 16}" fill="${COLORS[s.name] ?? '#555'}">${s.name}: ${s.sustained}</text>`),
  );
  out.push('</svg>');
  return out.join('\n') + '\n';
}

export function readMessagePath(quick: boolean): MessagePathResult | undefined {
  const file = join(__dirname, 'results', quick ? 'message-path.quick.json' : 'message-path.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as MessagePathResult) : undefined;
}

export function writePlot(mp: MessagePathResult): void {
  writeFileSync(PLOT_FILE, latencySvg(mp));
}
