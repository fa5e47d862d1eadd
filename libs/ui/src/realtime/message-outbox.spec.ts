import type { PositionResult, SendMessageRequest } from '@kefu/contracts';
import { settle } from '../testing/fake-socket';
import type { AckOutcome } from './ack-request';
import { MessageOutbox } from './message-outbox';

describe('MessageOutbox', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function outbox(answers: Array<AckOutcome<PositionResult>>) {
    const sent: SendMessageRequest[] = [];
    const delivered: Array<[string, number]> = [];
    let id = 0;
    const box = new MessageOutbox({
      send: async (req) => {
        sent.push(req);
        return answers.shift() ?? { kind: 'unreachable' };
      },
      delivered: (m, position) => delivered.push([m.clientId, position]),
      retryDelayMs: 1000,
      newId: () => `id-${++id}`,
    });
    return { box, sent, delivered };
  }

  it('retries a lost message with the same clientId until it is acknowledged', async () => {
    const { box, sent, delivered } = outbox([{ kind: 'unreachable' }, { kind: 'ok', data: { position: 12 } }]);
    box.enqueue('c1', 'hello');
    await settle();
    expect(box.pending()[0]?.state).toBe('waiting');

    jest.advanceTimersByTime(1000);
    await settle();
    expect(sent.map((r) => r.clientId)).toEqual(['id-1', 'id-1']);
    expect(box.pending()).toEqual([]);
    expect(delivered).toEqual([['id-1', 12]]);
  });

  it('resends an attachment with its message on every retry (issue 5)', async () => {
    const { box, sent } = outbox([{ kind: 'unreachable' }, { kind: 'ok', data: { position: 13 } }]);
    const attachment = { kind: 'image' as const, ref: 'https://cdn.shop.test/a.png', name: 'a.png' };
    box.enqueue('c1', '', attachment);
    await settle();
    jest.advanceTimersByTime(1000);
    await settle();
    expect(sent).toEqual([
      { chatId: 'c1', clientId: 'id-1', text: '', attachment },
      { chatId: 'c1', clientId: 'id-1', text: '', attachment },
    ]);
  });

  it('marks a refused message failed (no silent retry) and resends it on demand with the same id', async () => {
    const { box, sent } = outbox([
      { kind: 'rejected', error: { code: 'RULE_VIOLATED', message: 'Chat is closed' } },
      { kind: 'ok', data: { position: 3 } },
    ]);
    box.enqueue('c1', 'late');
    await settle();
    expect(box.pending()[0]).toMatchObject({ state: 'failed', error: { code: 'RULE_VIOLATED' } });
    jest.advanceTimersByTime(10_000);
    await settle();
    expect(sent).toHaveLength(1);

    box.retry('id-1');
    await settle();
    expect(sent.map((r) => r.clientId)).toEqual(['id-1', 'id-1']);
    expect(box.pending()).toEqual([]);
  });

  it('flush() resends waiting messages at once (on reconnect)', async () => {
    const { box, sent } = outbox([{ kind: 'unreachable' }, { kind: 'ok', data: { position: 1 } }]);
    box.enqueue('c1', 'x');
    await settle();
    box.flush();
    await settle();
    expect(sent).toHaveLength(2);
    expect(box.pending()).toEqual([]);
  });
});
