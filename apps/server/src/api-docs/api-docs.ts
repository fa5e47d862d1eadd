import type { INestApplication } from '@nestjs/common';
import { ApiProperty, DocumentBuilder, SwaggerModule, type ApiPropertyOptions } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

type Meta = { type: string; name?: string; propertyName: string; constraints?: unknown[]; each?: boolean };
type Schema = Record<string, unknown>;

/** JSON-schema keywords for one class-validator constraint (on the value, or on each item with `each`). */
function keywordsOf(m: Meta): Schema {
  const c = m.constraints ?? [];
  switch (m.name) {
    case 'isString':
      return { type: 'string' };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'isUUID':
      return { type: 'string', format: 'uuid' };
    case 'isIn':
      return { enum: c[0] };
    case 'maxLength':
      return { maxLength: c[0] };
    case 'minLength':
      return { minLength: c[0] };
    case 'max':
      return { maximum: c[0] };
    case 'min':
      return { minimum: c[0] };
    case 'matches':
      return { pattern: c[0] instanceof RegExp ? c[0].source : String(c[0]) };
    default:
      return {};
  }
}

/**
 * The OpenAPI document is generated from the DTO classes' class-validator decorators (the ones
 * that actually validate every body), so the documentation cannot drift from the validation. Each
 * validated property without an explicit @ApiProperty gets one built from its constraints.
 */
function describeDtos(): void {
  // class-validator keeps every decorated class in one registry; its targets are the DTO classes.
  const registry = (getMetadataStorage() as unknown as { validationMetadatas?: Map<unknown, Meta[]> }).validationMetadatas;
  for (const [target, metas] of registry ?? []) {
    if (typeof target !== 'function') continue;
    const byProperty = new Map<string, Meta[]>();
    for (const m of metas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
    for (const [property, list] of byProperty) {
      if (Reflect.getMetadata('swagger/apiModelProperties', target.prototype as object, property)) continue;
      const own: Schema = {};
      const items: Schema = {};
      let array = false;
      let optional = false;
      let nested: unknown;
      for (const m of list) {
        if (m.type === 'conditionalValidation') optional = true;
        else if (m.type === 'nestedValidation') nested = Reflect.getMetadata('design:type', target.prototype as object, property);
        else if (m.name === 'isArray') array = true;
        else if (m.name === 'arrayMaxSize') own['maxItems'] = m.constraints?.[0];
        else if (m.name === 'arrayMinSize') own['minItems'] = m.constraints?.[0];
        else Object.assign(m.each ? items : own, keywordsOf(m));
      }
      const options = (
        nested
          ? { type: nested, required: !optional }
          : array || Object.keys(items).length > 0
            ? { ...own, type: 'array', items: { type: 'string', ...items }, required: !optional }
            : { type: 'string', ...own, required: !optional }
      ) as ApiPropertyOptions;
      ApiProperty(options)(target.prototype as object, property);
    }
  }
}

/** OpenAPI at /api/docs (Swagger UI) and /api/docs-json. */
export function mountApiDocs(app: INestApplication): void {
  describeDtos();
  const config = new DocumentBuilder()
    .setTitle('kefu API')
    .setDescription(
      'Live-chat customer service. Every route needs `Authorization: Bearer <session token>` unless marked public ' +
        '(register, sign-in, the widget session, health). Roles: owner (everything), admin (sites, groups, agents, employees), ' +
        "agent (the workspace), auditor (history). Another organisation's ids answer 404. Errors: `{ code, message, details? }`.",
    )
    .setVersion('1')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // `?waitFor=<position>` (read-your-writes) is optional on every read; @Query params are documented as required otherwise.
  for (const ops of Object.values(document.paths)) {
    for (const op of Object.values(ops) as { parameters?: { name?: string; in?: string; required?: boolean; description?: string }[] }[]) {
      for (const p of op.parameters ?? []) {
        if (p.in === 'query' && p.name === 'waitFor')
          Object.assign(p, { required: false, description: 'answer only after the read model has applied this position' });
      }
    }
  }
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', swaggerOptions: { persistAuthorization: false } });
}
