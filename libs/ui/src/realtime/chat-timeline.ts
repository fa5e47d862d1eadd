import type { ChatEventView } from '@kefu/contracts';

/**
 * Merges events into a transcript: one entry per event id (a resumed or re-delivered event
 * replaces its earlier copy, never doubles it), ordered by global position.
 */
export function mergeEvents(current: readonly ChatEventView[], incoming: readonly ChatEventView[]): ChatEventView[] {
  if (incoming.length === 0) return current as ChatEventView[];
  const byId = new Map<string, ChatEventView>();
  for (const event of current) byId.set(event.id, event);
  for (const event of incoming) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => a.position - b.position);
}

/** The highest position among events the server delivered (what `chat:resume` continues after). */
export function lastPosition(events: readonly ChatEventView[], previous?: number): number | undefined {
  let max = previous;
  for (const event of events) if (max === undefined || event.position > max) max = event.position;
  return max;
}

export function isClosedEvent(event: ChatEventView): boolean {
  return event.kind === 'system' && event.what === 'closed';
}
