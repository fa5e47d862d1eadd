import { decideAppend, validateAppend } from './append-rules';
import { DuplicateEventIdError, type ExistingEventLocation, type ExpectedRevision, type NewEvent, WrongExpectedRevisionError } from './port';

const event = (id: string): NewEvent => ({ id, type: 'Happened', data: {}, metadata: { occurredAt: '2024-05-01T10:00:00.000Z' } });
const at = (id: string, revision: number, position: number, streamId = 's'): ExistingEventLocation => ({ id, streamId, revision, position });

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('decideAppend', () => {
  const ab = [event('a'), event('b')];

  describe('given none of the ids is stored', () => {
    it.each<[ExpectedRevision, number | undefined, number]>([
      ['any', undefined, 0],
      ['any', 4, 5],
      ['no_stream', undefined, 0],
      ['stream_exists', 0, 1],
      [4, 4, 5],
    ])('when expecting %p of a stream at %p, then it writes from revision %p', (expected, last, first) => {
      expect(decideAppend('s', ab, expected, last, [undefined, undefined])).toEqual({ kind: 'write', firstRevision: first });
    });

    it.each<[ExpectedRevision, number | undefined, number | 'no_stream']>([
      ['no_stream', 0, 0],
      ['stream_exists', undefined, 'no_stream'],
      [3, 4, 4],
      [0, undefined, 'no_stream'],
    ])('when expecting %p of a stream at %p, then it conflicts with actual %p', (expected, last, actual) => {
      const error = thrown(() => decideAppend('s', ab, expected, last, [undefined, undefined]));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: 's', expected, actual, code: 'CONFLICT' });
    });
  });

  describe('given every id is stored as one run in the stream', () => {
    const run = [at('a', 3, 10), at('b', 4, 11)];

    it.each<ExpectedRevision>([2, 'any', 'stream_exists'])('when expecting %p, then it is a retry answering the first result', (expected) => {
      expect(decideAppend('s', ab, expected, 9, run)).toEqual({ kind: 'retry', result: { nextExpectedRevision: 4, position: 11 } });
    });

    it('when the run starts at revision 0 and no_stream was expected, then it is a retry', () => {
      expect(decideAppend('s', ab, 'no_stream', 7, [at('a', 0, 1), at('b', 1, 2)])).toMatchObject({ kind: 'retry' });
    });

    it.each<ExpectedRevision>([1, 3, 'no_stream'])('when expecting %p (not where the run starts), then it is a conflict', (expected) => {
      expect(thrown(() => decideAppend('s', ab, expected, 4, run))).toBeInstanceOf(DuplicateEventIdError);
    });
  });

  it('given the ids stored in another order, then it is a conflict', () => {
    expect(thrown(() => decideAppend('s', ab, 'any', 4, [at('a', 4, 11), at('b', 3, 10)]))).toBeInstanceOf(DuplicateEventIdError);
  });

  it('given the ids stored with a hole between them, then it is a conflict', () => {
    expect(thrown(() => decideAppend('s', ab, 'any', 9, [at('a', 3, 10), at('b', 5, 12)]))).toBeInstanceOf(DuplicateEventIdError);
  });

  it('given only some ids stored, then it is a conflict naming the stored ones', () => {
    const error = thrown(() => decideAppend('s', ab, 'any', 3, [at('a', 3, 10), undefined]));
    expect(error).toBeInstanceOf(DuplicateEventIdError);
    expect(error).toMatchObject({ code: 'CONFLICT', existing: [at('a', 3, 10)] });
  });

  it('given the ids stored in another stream, then it is a conflict', () => {
    expect(thrown(() => decideAppend('s', ab, 'no_stream', undefined, [at('a', 0, 1, 'other'), at('b', 1, 2, 'other')]))).toBeInstanceOf(DuplicateEventIdError);
  });
});

describe('validateAppend', () => {
  it.each<[string, () => void]>([
    ['an empty append', () => validateAppend('s', [], 'any')],
    ['an empty stream id', () => validateAppend('', [event('a')], 'any')],
    ['a $-prefixed stream', () => validateAppend('$all', [event('a')], 'any')],
    ['a negative revision', () => validateAppend('s', [event('a')], -1)],
    ['a fractional revision', () => validateAppend('s', [event('a')], 1.5)],
    ['an unknown expectation', () => validateAppend('s', [event('a')], 'latest' as ExpectedRevision)],
    ['the same id twice', () => validateAppend('s', [event('a'), event('a')], 'any')],
    ['a $-prefixed event type', () => validateAppend('s', [{ ...event('a'), type: '$metadata' }], 'any')],
    ['missing occurredAt', () => validateAppend('s', [{ ...event('a'), metadata: {} as NewEvent['metadata'] }], 'any')],
  ])('refuses %s', (_what, append) => {
    expect(thrown(append)).toBeInstanceOf(TypeError);
  });

  it('accepts a well-formed append', () => {
    expect(() => validateAppend('chat-1', [event('a'), event('b')], 0)).not.toThrow();
  });
});
