import { DomainError } from '@kefu/domain';
import { UUID } from './ids';

/** The server's public origin as the browser sees it (PUBLIC_URL wins when set). */
export function originOf(request: { protocol: string; get(name: string): string | undefined }): string {
  const configured = process.env['PUBLIC_URL'];
  if (configured) return configured.replace(/\/+$/, '');
  return `${request.protocol}://${request.get('host') ?? 'localhost'}`;
}

/** `?waitFor=<position>`: a non-negative integer or nothing. */
export function parsePosition(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) throw new DomainError('INVALID', 'waitFor must be a position (a whole number)');
  return Number(value);
}

/** Path ids are UUIDs; anything else is an answer of "no such thing", never a query. */
export function parseId(value: string, what: string): string {
  if (!UUID.test(value)) throw new DomainError('NOT_FOUND', `no such ${what}`);
  return value.toLowerCase();
}
