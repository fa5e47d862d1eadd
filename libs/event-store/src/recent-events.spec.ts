import type { RecordedEvent } from './port';
import { RecentEvents } from './recent-events';

const ev = (position: number): RecordedEvent => ({
  id: `e${position}`,
  type: 'T',
  data: { n: position, nested: { k: 1 } },
  metadata: { occurredAt: '2026-01-01T00:00:00.000Z' },
  streamId: 's',
  revision: position - 1,
  position,
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ev(from + i));

describe('recent events shared by the subscriptions of one process (K1 live delivery)', () => {
  it('answers from the window only what a complete forward read gave, and nothing it has not seen', () => {
    const recent = new RecentEvents(100);
    expect(recent.read(0, 10)).toBeUndefined();
    recent.remember(0, range(1, 5));
    expect(recent.read(0, 10)?.map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    expect(recent.read(2, 2)?.map((e) => e.position)).toEqual([3, 4]);
    // At the window's end the caller must read the table: newer events may exist.
    expect(recent.read(5, 10)).toBeUndefined();
  });

  it('extends at its end, restarts after a gap, and ignores reads from behind it', () => {
    const recent = new RecentEvents(100);
    recent.remember(10, range(11, 12));
    recent.remember(12, range(13, 14));
    expect(recent.read(10, 10)?.map((e) => e.position)).toEqual([11, 12, 13, 14]);
    recent.remember(0, range(1, 3)); // a subscriber catching up from the start
    expect(recent.read(10, 1)?.map((e) => e.position)).toEqual([11]);
    expect(recent.read(0, 10)).toBeUndefined();
    recent.remember(20, range(21, 22)); // a gap: the window moves on
    expect(recent.read(12, 10)).toBeUndefined();
    expect(recent.read(20, 10)?.map((e) => e.position)).toEqual([21, 22]);
  });

  it('keeps at most its capacity, forgetting the oldest', () => {
    const recent = new RecentEvents(3);
    recent.remember(0, range(1, 5));
    expect(recent.read(1, 10)).toBeUndefined();
    expect(recent.read(2, 10)?.map((e) => e.position)).toEqual([3, 4, 5]);
  });

  it('hands out frozen events, so one subscriber cannot change what another sees', () => {
    const recent = new RecentEvents(10);
    const [first] = recent.remember(0, range(1, 1));
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen((first!.data as { nested: object }).nested)).toBe(true);
  });
});
