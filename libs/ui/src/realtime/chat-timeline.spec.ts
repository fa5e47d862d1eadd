import type { ChatEventView } from '@kefu/contracts';
import { lastPosition, mergeEvents } from './chat-timeline';

const msg = (id: string, position: number, text = id): ChatEventView => ({
  kind: 'message',
  id,
  chatId: 'c1',
  position,
  at: '2026-01-01T00:00:00.000Z',
  from: { role: 'visitor', id: 'v1', name: 'Visitor' },
  text,
});

describe('chat timeline', () => {
  it('keeps one copy of a re-delivered event and orders by position', () => {
    const merged = mergeEvents([msg('a', 1), msg('c', 5)], [msg('b', 3), msg('c', 5), msg('a', 1)]);
    expect(merged.map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });

  it("replaces a local copy with the server's (same id, real position)", () => {
    const merged = mergeEvents([msg('a', 1), msg('mine', 9, 'local')], [msg('mine', 4, 'server')]);
    expect(merged.map((e) => [e.id, e.position])).toEqual([
      ['a', 1],
      ['mine', 4],
    ]);
  });

  it('tracks the last position seen', () => {
    expect(lastPosition([msg('a', 4), msg('b', 2)], 3)).toBe(4);
    expect(lastPosition([], 3)).toBe(3);
    expect(lastPosition([])).toBeUndefined();
  });
});
