import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_DOCS, renderApiDocs } from '../scripts/api-docs.js';
import { openApiDocument } from '../src/openapi.js';

describe('docs/api.md', () => {
  it('is the table the OpenAPI document makes (run the api-docs script after changing a route)', () => {
    expect(readFileSync(API_DOCS, 'utf8')).toBe(renderApiDocs());
  });

  it('lists every operation of the document with its access', () => {
    const docs = renderApiDocs();
    const { paths } = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, operations] of Object.entries(paths)) {
      for (const method of Object.keys(operations)) expect(docs).toContain(`| ${method.toUpperCase()} | \`${path}\` |`);
    }
    expect(docs).toContain('| POST | `/admin/keys` | admin |');
    expect(docs).toContain('| POST | `/boards/{board}/posts` | participant |');
    expect(docs).toContain('| GET | `/boards` | anyone |');
  });
});
