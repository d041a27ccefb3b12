import { z } from '@hono/zod-openapi';
import { SaysoError } from '@sayso/core';
import { latestFeedbackImports } from '../db/feedback-imports.js';
import { feedbackImportListQuery, feedbackImportParams, feedbackImportQuery, feedbackImportSchema } from '../schemas.js';
import { getFeedbackImport, importFeedbackCsv, IMPORT_FIELDS, REJECTIONS_LISTED, type ImportMap } from '../services/feedback-imports.js';
import { admin } from './access.js';
import { operation, router } from './operation.js';

/** The path of the one route whose body is read as it streams in (app.ts lets it past the body limit). */
export const FEEDBACK_IMPORTS_PATH = '/feedback/imports';

const start = operation({
  method: 'post', path: FEEDBACK_IMPORTS_PATH, tag: 'feedback', access: admin, errors: [400, 404],
  summary: 'Import feedback from a CSV file, or check it first (dryRun)',
  description:
    'The body is the file (`text/csv`, UTF-8; any length: it is read as it streams in). Its first row names the ' +
    'columns; `map.<field>=<column>` says which column holds the text (required), title, email, name, company, date ' +
    'and sourceId. Each row becomes a feedback item of source `csv`, checked and deduplicated as every channel\'s: ' +
    'by the sourceId column when mapped, else by its content, so importing the same file again creates nothing (those ' +
    `rows are duplicates). A row that fails the checks is rejected and reported (the first ${REJECTIONS_LISTED}, with ` +
    'row numbers as a spreadsheet shows them), the import goes on. A file that cannot be read to its end (an unclosed ' +
    'quote, a row with more or fewer columns than the header, text that is not UTF-8), a map naming a column the file ' +
    'does not have, is 400 naming the row, and nothing of it is stored. `GET /feedback/imports/{importId}` follows a ' +
    'long import while it runs. With `dryRun=true` the answer is the same report, and no feedback is stored.',
  request: {
    query: feedbackImportQuery,
    body: { required: true, content: { 'text/csv': { schema: z.string().describe('The CSV file, header row first.') } } },
  },
  response: { status: 201, description: 'The finished import\'s report.', schema: feedbackImportSchema },
});

const list = operation({
  method: 'get', path: FEEDBACK_IMPORTS_PATH, tag: 'feedback', access: admin, errors: [400],
  summary: 'The latest imports, newest first',
  description: 'Running ones included: how a client that is still uploading a file finds its import to follow it.',
  request: { query: feedbackImportListQuery },
  response: { status: 200, description: 'The imports.', schema: z.array(feedbackImportSchema) },
});

const get = operation({
  method: 'get', path: `${FEEDBACK_IMPORTS_PATH}/{importId}`, tag: 'feedback', access: admin, errors: [404],
  summary: 'An import\'s progress and report',
  description: 'While it runs, `rows` counts the rows read so far (saved every few hundred rows, and every second).',
  request: { params: feedbackImportParams },
  response: { status: 200, description: 'The import.', schema: feedbackImportSchema },
});

export const feedbackImportRoutes = () =>
  router()
    .openapi(start, async (c) => {
      const { board, dryRun, ...columns } = c.req.valid('query');
      const map = Object.fromEntries(IMPORT_FIELDS.flatMap((field) => {
        const column = columns[`map.${field}`];
        return column === undefined ? [] : [[field, column]];
      })) as ImportMap;
      const body = c.req.raw.body;
      if (!body) throw new SaysoError('invalid_input', 'Send the CSV file as the request body.');
      return c.json(await importFeedbackCsv(c.var.db, { body, map, board, dryRun, actor: c.var.actor }), 201);
    })
    .openapi(list, async (c) => c.json(await latestFeedbackImports(c.var.db, c.req.valid('query').limit), 200))
    .openapi(get, async (c) => c.json(await getFeedbackImport(c.var.db, c.req.valid('param').importId), 200));
