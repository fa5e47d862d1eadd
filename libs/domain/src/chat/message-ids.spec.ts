import { chat, type ChatEvent } from './chat';
import { MessageIds } from './message-ids';

const posted = (messageId: string): ChatEvent => ({
  type: 'MessagePosted',
  data: { orgId: 'o', siteId: 's', chatId: 'c', messageId, from: { role: 'visitor', id: 'v', name: '' }, text: 'hi', at: '2026-01-01T00:00:00.000Z' },
});

describe('K1 message ids of a chat: a retried message is recognised at any length, each state sees only its own past', () => {
  it('a state knows the ids posted up to it, not those posted after it', () => {
    const one = MessageIds.empty().with('m1');
    const two = one.with('m2');
    expect(one.has('m1')).toBe(true);
    expect(one.has('m2')).toBe(false);
    expect(two.has('m1') && two.has('m2')).toBe(true);
    expect([...one]).toEqual(['m1']);
    expect(two.size).toBe(2);
    expect(two.with('m1')).toBe(two);
  });

  it('two states evolved from one do not see each other’s ids', () => {
    const base = MessageIds.empty().with('m1');
    const left = base.with('a');
    const right = base.with('b');
    expect([...left]).toEqual(['m1', 'a']);
    expect([...right]).toEqual(['m1', 'b']);
    expect(left.has('b') || right.has('a') || base.has('a') || base.has('b')).toBe(false);
    expect([...right.with('a')]).toEqual(['m1', 'b', 'a']);
    expect([...left.with('c')]).toEqual(['m1', 'a', 'c']);
  });

  it('one chat’s messages never show in another chat or in the initial state', () => {
    const first = [posted('x1'), posted('x2')].reduce(chat.evolve, chat.initialState);
    const second = [posted('y1')].reduce(chat.evolve, chat.initialState);
    expect(chat.initialState.messageIds.size).toBe(0);
    expect([...first.messageIds]).toEqual(['x1', 'x2']);
    expect([...second.messageIds]).toEqual(['y1']);
  });

  it('the audit shows the ids as a sorted list, as it shows a Set', () => {
    expect(JSON.parse(JSON.stringify({ messageIds: MessageIds.empty().with('m-2').with('m-1') }))).toEqual({ messageIds: ['m-1', 'm-2'] });
  });

  it('a 10,000-message chat is evolved in linear time (no copy per message)', () => {
    const events = Array.from({ length: 10_000 }, (_, i) => posted(`m${i}`));
    const state = events.reduce(chat.evolve, chat.initialState);
    expect(state.messageIds.size).toBe(10_000);
    expect(state.messageIds.has('m0') && state.messageIds.has('m9999')).toBe(true);
  });
});
