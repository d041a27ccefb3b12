// Writes docs/api.md, the reference of every operation of the REST API, from the OpenAPI document
// the server generates from its route declarations: `node scripts/pnpm.mjs --filter @sayso/server
// run api-docs`. test/api-docs.test.ts fails when the file and the document disagree.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '../src/openapi.js';

/** Where the reference is kept, from the repository's root. */
export const API_DOCS = fileURLToPath(new URL('../../../docs/api.md', import.meta.url));

/** The parts of a JSON Schema that the reference shows. */
interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  /** Alternatives: a union, each an object of its own. */
  anyOf?: Schema[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  default?: unknown;
  description?: string;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}

interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  'x-access'?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  /** JSON, or for a live stream `text/event-stream` (the schema of each event's data). */
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Markdown table cells hold no pipes or line breaks. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The name of a component schema a `$ref` points to. */
const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/** A schema, or the component schema its `$ref` names. */
const resolve = (schema: Schema, schemas: Record<string, Schema>) => (schema.$ref ? (schemas[refName(schema.$ref)] ?? {}) : schema);

/** The anchor of an operation, from its operationId, so links survive a change of summary. */
const operationAnchor = (operation: Operation) => operation.operationId;
const schemaAnchor = (name: string) => `schema-${name}`;

/** A field's type in a few words: `string`, `integer or null`, `one of a, b`, `list of Tag`. */
function typeOf(schema: Schema): string {
  if (schema.$ref) return `[${refName(schema.$ref)}](#${schemaAnchor(refName(schema.$ref))})`;
  if (schema.const !== undefined) return `\`${String(schema.const)}\``;
  if (schema.enum) return `one of ${schema.enum.map((value) => `\`${String(value)}\``).join(', ')}`;
  const types = [schema.type ?? 'any'].flat();
  return types.map((type) => (type === 'array' && schema.items ? `list of ${typeOf(schema.items)}` : type)).join(' or ');
}

/**
 * Which fields a list marks: a request's required ones (the rest may be left out), an answer's
 * optional ones (the rest are always there).
 */
type Presence = 'required' | 'optional';

/** One line per field: name, type, its presence where it is worth saying, its default and its description. */
const fieldLine = (name: string, schema: Schema, presence: Presence | undefined) => {
  const facts = [typeOf(schema), ...(presence ? [presence] : [])];
  if (schema.default !== undefined) facts.push(`default \`${String(schema.default)}\``);
  return `- \`${name}\` (${facts.join(', ')})${schema.description ? `: ${schema.description}` : ''}`;
};

const fieldLines = (schema: Schema, mark: Presence) =>
  Object.entries(schema.properties ?? {}).map(([name, field]) => {
    const required = schema.required?.includes(name) ?? false;
    return fieldLine(name, field, required === (mark === 'required') ? mark : undefined);
  });

/** A shape of up to this many fields reads better in the answer's line than behind a link only. */
const INLINE_FIELDS_MAX = 5;

/** What a response carries, in brief: its schema's link, with its top-level fields when they are few, or what it lists. */
function shapeOf(schema: Schema, schemas: Record<string, Schema>): string {
  const resolved = resolve(schema, schemas);
  if (resolved.items) return `a ${typeOf(resolved)}`;
  const fields = Object.keys(resolved.properties ?? {});
  const inline = fields.length && fields.length <= INLINE_FIELDS_MAX ? `\`{ ${fields.join(', ')} }\`` : '';
  return [schema.$ref ? typeOf(schema) : '', inline].filter(Boolean).join(' ');
}

const withShape = (shape: string) => (shape ? ` with ${shape}` : '');

function operationSection(method: string, path: string, operation: Operation, schemas: Record<string, Schema>): string[] {
  const parameters = (where: string) =>
    (operation.parameters ?? [])
      .filter((parameter) => parameter.in === where)
      .map((parameter) => {
        const description = parameter.description ?? parameter.schema?.description;
        return fieldLine(parameter.name, { ...parameter.schema, description }, parameter.required ? 'required' : undefined);
      });
  const body = operation.requestBody?.content['application/json']?.schema;
  const bodySchema = body && resolve(body, schemas);
  // A body that is not JSON (a CSV file) is named by its media type and described, not listed field by field.
  const otherBodies = Object.entries(operation.requestBody?.content ?? {})
    .filter(([mediaType]) => mediaType !== 'application/json')
    .map(([mediaType, { schema }]) => `- \`${mediaType}\`${schema.description ? `: ${schema.description}` : ''}`);
  const statuses = Object.keys(operation.responses).sort();
  // An idempotent create answers a repeat with another success status: each gets its line.
  const answers = statuses
    .filter((status) => status.startsWith('2'))
    .flatMap((status) => {
      const response = operation.responses[status]!;
      const json = response.content?.['application/json']?.schema;
      const events = response.content?.['text/event-stream']?.schema;
      const shape = json ? withShape(shapeOf(json, schemas)) : events ? ` with server-sent events, each one's data a ${typeOf(events)}` : '';
      return ['', `Answers **${status}**${shape}: ${response.description}`];
    });
  const listed = (title: string, lines: string[]) => (lines.length ? ['', `${title}:`, '', ...lines] : []);
  return [
    `<a id="${operationAnchor(operation)}"></a>`,
    '',
    `### ${method.toUpperCase()} ${path}`,
    '',
    `${operation.summary ?? ''}. Access: *${operation['x-access'] ?? 'anyone'}*.`,
    ...(operation.description ? ['', operation.description] : []),
    ...listed('Path parameters', parameters('path')),
    ...listed('Query parameters', parameters('query')),
    ...listed('Headers', parameters('header')),
    ...listed('Body fields (JSON)', bodySchema ? fieldLines(bodySchema, 'required') : []),
    ...listed('Body', otherBodies),
    ...answers,
    ...listed(
      'Errors',
      statuses.filter((status) => /^[45]/.test(status)).map((status) => `- **${status}**: ${operation.responses[status]!.description}`),
    ),
    '',
  ];
}

function schemaSection(name: string, schema: Schema): string[] {
  const alternatives = schema.anyOf?.flatMap((alternative, n) => ['', `One of, ${n + 1}:`, '', ...fieldLines(alternative, 'optional')]).slice(1);
  const lines = schema.properties ? fieldLines(schema, 'optional') : (alternatives ?? [`A ${typeOf(schema)}.`]);
  return [`<a id="${schemaAnchor(name)}"></a>`, '', `### ${name}`, '', ...(schema.description ? [schema.description, ''] : []), ...lines, ''];
}

/** docs/api.md as the document says it should be. */
export function renderApiDocs(document: Record<string, unknown> = openApiDocument()): string {
  const { paths, components } = document as unknown as Document;
  const schemas = components?.schemas ?? {};
  const operations = Object.entries(paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({ method, path, operation })),
  );
  const rows = operations.map(
    ({ method, path, operation }) =>
      `| [${method.toUpperCase()}](#${operationAnchor(operation)}) | \`${path}\` | ${operation['x-access'] ?? 'anyone'} | ${cell(operation.summary ?? '')} |`,
  );
  return [
    '# REST API',
    '',
    '<!-- Generated by packages/server/scripts/api-docs.ts from the OpenAPI document; do not edit by hand. -->',
    '',
    'Every operation of the reference server, under `/api/v1`. The whole contract (parameters, bodies, answers,',
    'errors) is the OpenAPI 3.1 document the server serves at `GET /api/v1/openapi.json`. JSON in and out; errors',
    'are always `{ "error": { "code", "message", "details"? } }`.',
    '',
    'Access: *anyone* needs no credentials (a sent credential must still be valid); *participant* needs an',
    'identity: a visitor token (`X-Sayso-Visitor`, from `POST /visitors`) as the board\'s anonymous policy allows, a',
    'host-signed user token or an admin key; *admin* needs `Authorization: Bearer <admin key>`; *signed* needs no',
    'Sayso credentials but the sending service\'s secret or signature (docs/channels.md).',
    '',
    '| Method | Path | Access | Summary |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    '## Operations',
    '',
    ...operations.flatMap(({ method, path, operation }) => operationSection(method, path, operation, schemas)),
    '## Schemas',
    '',
    'The shapes of the answers, as named in the OpenAPI document.',
    '',
    ...Object.entries(schemas).flatMap(([name, schema]) => schemaSection(name, schema)),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(API_DOCS, renderApiDocs());
  console.log(`wrote ${API_DOCS}`);
}
