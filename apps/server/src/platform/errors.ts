import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import { DomainError } from '@kefu/domain';
import type { ErrorBody, ErrorCode } from '@kefu/contracts';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '@kefu/event-store';

/** The one mapping from error codes to HTTP statuses. Socket acks carry the code itself. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  RULE_VIOLATED: HttpStatus.UNPROCESSABLE_ENTITY,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
};

const STATUS_CODE: Record<number, ErrorCode> = {
  400: 'INVALID',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'INVALID',
  422: 'RULE_VIOLATED',
  429: 'RATE_LIMITED',
};

const logger = new Logger('errors');

/** Turn anything thrown by a handler into the body both transports send. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  if (error instanceof WrongExpectedRevisionError) return { code: 'CONFLICT', message: 'someone else changed this at the same time; try again' };
  if (error instanceof DuplicateEventIdError) return { code: 'CONFLICT', message: 'this id is already used by something else; send a new id' };
  if (error instanceof WsException) {
    const e = error.getError();
    if (typeof e === 'object' && e && 'code' in e) return e as ErrorBody;
    return { code: 'INVALID', message: String(e) };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    if (typeof response === 'object' && response && 'code' in response && 'message' in response) return response as ErrorBody;
    const message = typeof response === 'object' && response && 'message' in response ? (response as { message: unknown }).message : error.message;
    return { code: STATUS_CODE[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID'), message: Array.isArray(message) ? message.join('; ') : String(message) };
  }
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return { code: 'INTERNAL', message: 'something went wrong on our side' };
}

function isTooLarge(error: unknown): boolean {
  const seen = [error, error instanceof Error ? error.cause : undefined];
  if (error instanceof HttpException) seen.push(error.getResponse());
  return seen.some((e) => typeof e === 'object' && e !== null && (('type' in e && e.type === 'entity.too.large') || ('status' in e && e.status === 413)));
}

/** HTTP: the status from the code, the body `{ code, message, details? }`. WS: the ack `{ ok: false, error }`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const body = toErrorBody(error);
    if (host.getType() === 'ws') {
      // The ack callback is among the handler's arguments (client, payload, ack, pattern).
      const ack = host.getArgs().find((a): a is (r: unknown) => void => typeof a === 'function');
      ack?.({ ok: false, error: body });
      return;
    }
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void }; headersSent?: boolean }>();
    if (response.headersSent) return;
    // An oversized body is refused by the body parser before any handler: say so with its own status.
    if (isTooLarge(error)) {
      response.status(HttpStatus.PAYLOAD_TOO_LARGE).json({ code: 'INVALID', message: 'the request body is too large' });
      return;
    }
    response.status(HTTP_STATUS[body.code]).json(body);
  }
}
