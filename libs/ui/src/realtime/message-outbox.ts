import { signal } from '@angular/core';
import type { AttachmentView, ErrorBody, PositionResult, SendMessageRequest } from '@kefu/contracts';
import { type AckOutcome, isTransient } from './ack-request';

export type OutgoingState = 'sending' | 'waiting' | 'failed';

export interface OutgoingMessage {
  /** The message's event id, generated once: every retry sends the same one. */
  readonly clientId: string;
  readonly chatId: string;
  readonly text: string;
  readonly attachment?: AttachmentView;
  readonly state: OutgoingState;
  readonly attempts: number;
  readonly createdAt: string;
  readonly error?: ErrorBody;
}

export interface OutboxOptions {
  send(req: SendMessageRequest): Promise<AckOutcome<PositionResult>>;
  /** Called once per message when the server acknowledged it. */
  delivered(message: OutgoingMessage, position: number): void;
  retryDelayMs?: number;
  newId?: () => string;
  now?: () => Date;
}

/**
 * Messages typed but not yet acknowledged. A lost ack or a dropped socket leaves a message
 * `waiting`; it is resent with the same clientId on the next tick or reconnect, and the server's
 * idempotency makes sure it appears once. A refusal (e.g. the chat was closed) marks it `failed`.
 */
export class MessageOutbox {
  private readonly items = signal<readonly OutgoingMessage[]>([]);
  private readonly inFlight = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  readonly pending = this.items.asReadonly();

  constructor(private readonly options: OutboxOptions) {}

  enqueue(chatId: string, text: string, attachment?: AttachmentView): OutgoingMessage {
    const message: OutgoingMessage = {
      clientId: (this.options.newId ?? (() => crypto.randomUUID()))(),
      chatId,
      text,
      ...(attachment ? { attachment } : {}),
      state: 'sending',
      attempts: 0,
      createdAt: (this.options.now?.() ?? new Date()).toISOString(),
    };
    this.items.update((items) => [...items, message]);
    void this.attempt(message.clientId);
    return message;
  }

  /** Resend everything not yet acknowledged (call on reconnect). */
  flush(): void {
    for (const item of this.items()) if (item.state === 'waiting') void this.attempt(item.clientId);
  }

  /** The user asked to resend a failed message: same clientId, so no double if it did arrive. */
  retry(clientId: string): void {
    void this.attempt(clientId);
  }

  discard(clientId: string): void {
    this.items.update((items) => items.filter((item) => item.clientId !== clientId));
  }

  /** Forget the messages of a chat that no longer takes messages. */
  discardChat(chatId: string): void {
    this.items.update((items) => items.filter((item) => item.chatId !== chatId));
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async attempt(clientId: string): Promise<void> {
    if (this.disposed || this.inFlight.has(clientId)) return;
    const message = this.items().find((item) => item.clientId === clientId);
    if (!message) return;
    this.inFlight.add(clientId);
    this.patch(clientId, { state: 'sending', attempts: message.attempts + 1, error: undefined });
    let outcome: AckOutcome<PositionResult>;
    try {
      outcome = await this.options.send({
        chatId: message.chatId,
        clientId,
        text: message.text,
        ...(message.attachment ? { attachment: message.attachment } : {}),
      });
    } catch {
      outcome = { kind: 'unreachable' };
    } finally {
      this.inFlight.delete(clientId);
    }
    const current = this.items().find((item) => item.clientId === clientId);
    if (!current) return;
    if (outcome.kind === 'ok') {
      this.discard(clientId);
      this.options.delivered(current, outcome.data.position);
    } else if (outcome.kind === 'rejected' && !isTransient(outcome.error)) {
      this.patch(clientId, { state: 'failed', error: outcome.error });
    } else {
      this.patch(clientId, { state: 'waiting' });
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (this.disposed || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.options.retryDelayMs ?? 3000);
  }

  private patch(clientId: string, change: Partial<OutgoingMessage>): void {
    this.items.update((items) => items.map((item) => (item.clientId === clientId ? { ...item, ...change } : item)));
  }
}
