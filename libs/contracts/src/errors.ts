/** Stable error codes shared by HTTP responses and socket acks. */
export type ErrorCode = 'INVALID' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RULE_VIOLATED' | 'RATE_LIMITED' | 'INTERNAL';

export interface ErrorBody {
  code: ErrorCode;
  /** What was wrong and what is allowed, in plain English (UIs translate by code). */
  message: string;
  details?: unknown;
}

/** Every socket request is answered through its ack callback with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckFn<T> = (answer: Ack<T>) => void;
