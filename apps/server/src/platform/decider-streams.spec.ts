import { DomainError, type Decider, type DomainEvent } from '@kefu/domain';
import { MemoryEventStore } from '@kefu/event-store';
import { DeciderStreams } from './decider-streams';

type Added = DomainEvent & { type: 'Added'; data: { by: number } };
type Add = { by: number; max: number };
/** A counter that refuses to pass `max`: enough to tell a decision on a stale state from one on the stream. */
const counter: Decider<Add, Added, number> = {
  streamPrefix: 'counter',
  initialState: 0,
  decide: (c, total) => {
    if (total + c.by > c.max) throw new DomainError('RULE_VIOLATED', `total would pass ${c.max}`);
    return c.by === 0 ? [] : [{ type: 'Added', data: { by: c.by } }];
  },
  evolve: (total, e) => total + e.data.by,
};
const options = { actor: { kind: 'system' as const, id: 'test' }, now: '2026-01-01T00:00:00.000Z' };

describe('DeciderStreams on the message path (issue 7: no read per command, conflicts still guarded)', () => {
  it('decides a command on a stream it already holds without reading the store', async () => {
    const store = new MemoryEventStore();
    const streams = new DeciderStreams(store);
    await streams.handle(counter, 'c1', { by: 1, max: 100 }, options);
    const reads = jest.spyOn(store, 'read');
    const result = await streams.handle(counter, 'c1', { by: 2, max: 100 }, options);
    expect(result.state).toBe(3);
    expect(result.revision).toBe(1);
    expect(reads).not.toHaveBeenCalled();
  });

  it('when another process wrote since, the append is refused by its expected revision and the command is decided again on the stream', async () => {
    const store = new MemoryEventStore();
    const here = new DeciderStreams(store);
    const elsewhere = new DeciderStreams(store);
    await here.handle(counter, 'c1', { by: 1, max: 100 }, options);
    await elsewhere.handle(counter, 'c1', { by: 10, max: 100 }, options);
    const result = await here.handle(counter, 'c1', { by: 2, max: 100 }, options);
    expect(result.state).toBe(13);
    expect((await store.read('counter-c1')).map((e) => (e.data as { by: number }).by)).toEqual([1, 10, 2]);
  });

  it('a refusal on a state that is behind is checked again on the stream before it is answered', async () => {
    const store = new MemoryEventStore();
    const here = new DeciderStreams(store);
    const elsewhere = new DeciderStreams(store);
    await here.handle(counter, 'c1', { by: 5, max: 100 }, options);
    await elsewhere.handle(counter, 'c1', { by: 5, max: 100 }, options);
    // Held here: 5, refused at max 8 with +4; on the stream: 10, refused too — the answer is the stream's.
    await expect(here.handle(counter, 'c1', { by: 4, max: 8 }, options)).rejects.toThrow('total would pass 8');
    // Held here: 5 → +4 passes max 9 only on the stale state; the stream (10) refuses it.
    await expect(here.handle(counter, 'c1', { by: 4, max: 9 }, options)).rejects.toThrow('total would pass 9');
    expect(await store.read('counter-c1')).toHaveLength(2);
  });

  it('"nothing to do" on a held state is confirmed on the stream, and a refusal there is believed', async () => {
    const store = new MemoryEventStore();
    const here = new DeciderStreams(store);
    await here.handle(counter, 'c1', { by: 1, max: 100 }, options);
    const reads = jest.spyOn(store, 'read');
    expect((await here.handle(counter, 'c1', { by: 0, max: 100 }, options)).appended).toEqual([]);
    expect(reads).toHaveBeenCalledTimes(1);
    const known = await here.known(counter, 'c1');
    expect(known).toMatchObject({ state: 1, cached: true });
  });
});
