/** One line of the benchmark report: a measured figure, and what it is compared with when it is compared. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with (e.g. the same work done with the raw driver). */
  baseline?: string;
  baselineValue?: number;
  /** value / baselineValue */
  ratio?: number;
  note?: string;
  /** The product's promise for this figure (e.g. "≥ 0.5 × raw relay"), and whether this run kept it. */
  goal?: string;
  met?: boolean;
  /** Why the figure was not measured in this run (e.g. no server to measure against); `value` means nothing then. */
  skipped?: string;
}

/** The value cell of a row: the figure with its unit, or why there is none. */
export function valueText(r: BenchRow, fmt: (n: number) => string): string {
  return r.skipped ? `not run (${r.skipped})` : `${fmt(r.value)} ${r.unit}`;
}
