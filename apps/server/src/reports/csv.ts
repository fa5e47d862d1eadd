import { stringify } from 'csv-stringify/sync';

/**
 * CSV for Excel: UTF-8 with a BOM (Chinese opens correctly) and formula cells neutralised: a text cell
 * starting with =, +, -, @, tab or carriage return gets a leading apostrophe, so a visitor's message or
 * a page title can never run as a formula in the spreadsheet of whoever exports it.
 */
export function toCsv(columns: readonly { key: string; header: string }[], rows: readonly Record<string, unknown>[]): string {
  const safe = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const { key } of columns) out[key] = neutralise(row[key]);
    return out;
  });
  return stringify(safe, { header: true, bom: true, columns: columns.map((c) => ({ key: c.key, header: c.header })) });
}

export function neutralise(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
