import type { Decider, DomainEvent } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

/**
 * Given/when/then for deciders: `given(decider, ...past).when(command).then(expected)` or
 * `.thenThrows(code)`. Used by every decider spec.
 */
export function given<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, ...past: E[]) {
  const state = past.reduce((s, e) => decider.evolve(s, e), decider.initialState);
  return {
    state,
    when(command: C) {
      const run = () => decider.decide(command, state);
      return {
        then(expected: E[]) {
          expect(run()).toEqual(expected);
        },
        thenThrows(code: DomainError['code'], messagePart?: string) {
          let caught: unknown;
          try {
            run();
          } catch (e) {
            caught = e;
          }
          expect(caught).toBeInstanceOf(DomainError);
          expect((caught as DomainError).code).toBe(code);
          if (messagePart) expect((caught as DomainError).message).toContain(messagePart);
        },
      };
    },
  };
}
