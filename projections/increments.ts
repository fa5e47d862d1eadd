/** Adds `n` to `path` in a `$inc` map, so two changes of one field in one event become one operator. */
export function addInc(inc: Record<string, number>, path: string, n: number): void {
  inc[path] = (inc[path] ?? 0) + n;
}
