import type { ErrorBody, ErrorCode } from '@kefu/contracts';
import { isRecord } from '../storage/safe-storage';

/** Error codes a UI can show: the server's, plus the two the browser itself runs into. */
export type UiErrorCode = ErrorCode | 'NETWORK' | 'TIMEOUT';

export interface UiError {
  code: UiErrorCode;
  message: string;
}

const SERVER_CODES: readonly ErrorCode[] = ['INVALID', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RULE_VIOLATED', 'RATE_LIMITED', 'INTERNAL'];

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    isRecord(value) && typeof value['code'] === 'string' && (SERVER_CODES as readonly string[]).includes(value['code']) && typeof value['message'] === 'string'
  );
}

/** A failed HTTP call: `status` 0 means the server was not reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: UiError,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
}

export function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'INVALID';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  return 'INTERNAL';
}

export function toUiError(error: unknown): UiError {
  if (error instanceof ApiError) return error.body;
  if (isErrorBody(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
