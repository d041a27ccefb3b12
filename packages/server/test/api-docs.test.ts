import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_DOCS, renderApiDocs } from '../scripts/api-docs.js';
import { openApiDocument } from '../src/openapi.js';

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  'x-access': string;
  parameters?: Array<{ name: string; description?: string }>;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, { description?: string }>; description?: string } }> };
  responses: Record<string, { description: string }>;
}

const operations = () =>
  Object.entries((openApiDocument() as { paths: Record<string, Record<string, Operation>> }).paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );

/** The section of docs/api.md from an operation's anchor to the next anchor. */
const sectionOf = (docs: string, operation: Operation) => {
  const start = docs.indexOf(`<a id="${operation.operationId}"></a>`);
  expect(start, operation.operationId).toBeGreaterThan(-1);
  const end = docs.indexOf('<a id=', start + 1);
  return docs.slice(start, end === -1 ? undefined : end);
};

describe('docs/api.md', () => {
  it('is the reference the OpenAPI document makes (run the api-docs script after changing a route)', () => {
    expect(readFileSync(API_DOCS, 'utf8')).toBe(renderApiDocs());
  });

  it('lists every operation of the document with its access, linked to its section', () => {
    const docs = renderApiDocs();
    for (const { method, path, operation } of operations()) {
      expect(docs).toContain(`| [${method}](#${operation.operationId}) | \`${path}\` | ${operation['x-access']} |`);
    }
    expect(docs).toContain('| [POST](#postAdminKeys) | `/admin/keys` | admin |');
    expect(docs).toContain('| [POST](#postBoardsBoardPosts) | `/boards/{board}/posts` | participant |');
    expect(docs).toContain('| [GET](#getBoards) | `/boards` | anyone |');
  });

  it('gives every operation a section with what its declaration says', () => {
    const docs = renderApiDocs();
    for (const { method, path, operation } of operations()) {
      const section = sectionOf(docs, operation);
      expect(section).toContain(`### ${method} ${path}\n`);
      expect(section).toContain(`${operation.summary}. Access: *${operation['x-access']}*.`);
      if (operation.description) expect(section).toContain(operation.description);
      for (const parameter of operation.parameters ?? []) {
        expect(section, `${operation.operationId} ${parameter.name}`).toContain(`- \`${parameter.name}\` (`);
        if (parameter.description) expect(section).toContain(parameter.description);
      }
      for (const [mediaType, { schema }] of Object.entries(operation.requestBody?.content ?? {})) {
        // A JSON body is listed field by field; another (a CSV file, a raw mail, Slack's form) by its media type.
        if (mediaType !== 'application/json') {
          expect(section, `${operation.operationId} body`).toContain(`- \`${mediaType}\`${schema.description ? `: ${schema.description}` : ''}`);
          continue;
        }
        for (const [name, field] of Object.entries(schema.properties ?? {})) {
          expect(section, `${operation.operationId} body ${name}`).toContain(`- \`${name}\` (`);
          if (field.description) expect(section).toContain(field.description);
        }
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        const line = status.startsWith('2') ? `Answers **${status}**` : `- **${status}**: ${response.description}`;
        expect(section, `${operation.operationId} ${status}`).toContain(line);
        expect(section).toContain(response.description);
      }
    }
  });

  it('spells out a section as a reader needs it', () => {
    const section = sectionOf(renderApiDocs(), (openApiDocument() as { paths: Record<string, Record<string, Operation>> }).paths['/boards/{board}/similar']!.get!);
    expect(section).toContain('- `board` (string, required): Board slug, e.g. `demo`.');
    expect(section).toMatch(/- `limit` \(string, default `5`\): How many ideas at most/);
    expect(section).toContain('Answers **200** with a list of [Post](#schema-Post): ');
    expect(section).toContain('- **404**: ');
  });

  it('links only to anchors it has', () => {
    const docs = renderApiDocs();
    const anchors = new Set([...docs.matchAll(/<a id="([^"]+)"><\/a>/g)].map((match) => match[1]));
    const links = [...docs.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
    expect(links.length).toBeGreaterThan(operations().length);
    for (const link of links) expect(anchors, link).toContain(link);
    expect(anchors).toContain('schema-VoteResult');
  });
});
