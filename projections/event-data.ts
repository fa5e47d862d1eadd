import type { DataOf, EventType } from '@kefu/domain';
import type { DataOnlyEvent } from '@kefu/event-store';

/** Narrow a recorded event's data by its type (events are written only through the deciders). */
export function dataOf<T extends EventType>(event: DataOnlyEvent, type: T): DataOf<T> {
  if (event.type !== type) throw new Error(`expected ${type}, got ${event.type}`);
  return event.data as DataOf<T>;
}
