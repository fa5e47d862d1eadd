import { Injectable } from '@nestjs/common';
import { WrongExpectedRevisionError } from '@kefu/event-store';

/**
 * Routing decisions of one site taken one at a time in this process. Without it, fifty requests
 * arriving together would all load the same revision of `routing-{siteId}` and all but one would
 * conflict, again and again. Across processes the stream's expected revision still decides: a
 * conflict with another process is retried (a few more rounds than one handler call allows).
 */
@Injectable()
export class RoutingQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(siteId: string, decide: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(siteId) ?? Promise.resolve();
    const result = previous.then(() => this.withRetries(decide));
    const tail = result.catch(() => undefined);
    this.tails.set(siteId, tail);
    void tail.then(() => {
      if (this.tails.get(siteId) === tail) this.tails.delete(siteId);
    });
    return result;
  }

  private async withRetries<T>(decide: () => Promise<T>): Promise<T> {
    for (let round = 1; ; round++) {
      try {
        return await decide();
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || round >= 5) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * round));
      }
    }
  }
}
