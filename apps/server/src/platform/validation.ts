import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { IsOptional, ValidateIf } from 'class-validator';
import { DomainError } from '@kefu/domain';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Path of the first own `__proto__` / `constructor` / `prototype` key in a parsed payload, if any. */
function prototypeKey(value: unknown, path = '', depth = 0): string | undefined {
  if (value === null || typeof value !== 'object' || depth > 20) return undefined;
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return at;
    const inner = prototypeKey((value as Record<string, unknown>)[key], at, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

type PlainCheck = (value: Record<string, unknown>) => boolean;
const plainChecks = new Map<unknown, PlainCheck>();

/**
 * A hand-written check for a DTO on the hot path (every chat message pays class-transformer and
 * class-validator otherwise, ~4% of the server's CPU under load). It must accept only payloads the
 * DTO's decorators accept too, and nothing with other keys; everything it does not accept still goes
 * through the full validation, which decides and words the error.
 */
export function acceptPlain(dto: new () => object, check: PlainCheck): void {
  plainChecks.set(dto, check);
}

/** The UUID forms class-validator's `@IsUUID()` accepts (validator.js, version 'all'). */
export const UUID_PATTERN =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/i;

/** DTO instances this pipe produced, with the type they were validated as. */
const validated = new WeakMap<object, unknown>();

function remember(value: unknown, metadata: ArgumentMetadata): unknown {
  if (value !== null && typeof value === 'object' && metadata.metatype) validated.set(value, metadata.metatype);
  return value;
}

/**
 * JSON.parse keeps `"__proto__"` as an own key; class-transformer then makes it the DTO's prototype,
 * so the whitelist never sees it and its fields would read through as if validated. Refuse it first.
 */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Socket payloads meet this pipe twice (the global pipe and the gateway's): the second time the value is
    // the DTO the first one made, and validating it again cost as much as the first time.
    if (value !== null && typeof value === 'object' && validated.get(value) === metadata.metatype) return value;
    const plain = metadata.metatype ? plainChecks.get(metadata.metatype) : undefined;
    if (plain && value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && plain(value as Record<string, unknown>)) {
      return remember(Object.assign(new (metadata.metatype as new () => object)(), value), metadata);
    }
    const key = metadata.type === 'body' || metadata.type === 'query' ? prototypeKey(value) : undefined;
    if (key) throw new DomainError('INVALID', `${key}: this field is not allowed`);
    return remember(await super.transform(value, metadata), metadata);
  }
}

/**
 * Validate every input at the edge: unknown fields are refused (not silently dropped), types are
 * checked without implicit conversion, so `{ "$gt": "" }` where a string belongs is an error.
 * Used for HTTP bodies/queries and for socket payloads alike.
 */
export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; ');
      return new DomainError('INVALID', message || 'invalid input', details);
    },
  });
}

/**
 * An optional field: absent is fine, but when present it must pass the field's checks. class-validator's
 * `@IsOptional()` also lets `null` through unchecked, which handlers then took for a value
 * (`{"email": null}` at sign-in was a 500); only fields where null means something (no cap) say `nullable`.
 */
export function OptionalField(options: { nullable?: boolean } = {}): PropertyDecorator {
  return options.nullable ? IsOptional() : ValidateIf((_object: object, value: unknown) => value !== undefined);
}
