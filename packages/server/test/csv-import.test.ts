// Issue 12: an admin imports feedback from a CSV file streamed to the server; each row goes
// through every channel's checks and dedupe, a dry run stores nothing, and a file that cannot be
// read leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { startServer, type RunningServer } from '../src/server.js';
import { createBoard } from '../src/services/boards.js';
import { ENGINES, testDatabases } from './support/databases.js';

const databases = testDatabases();
const ADMIN_KEY = 'csv-import-admin-key-0123456789abcdef';

interface Answer {
  status: number;
  json: any;
}

describe.each(ENGINES)('CSV import of feedback on %s', (engine) => {
  let db: Database;
  let server: RunningServer;
  let boards = 0;

  beforeAll(async () => {
    db = await databases.open(engine);
    server = await startServer({ port: 0, hostname: '127.0.0.1', db, adminKeys: [ADMIN_KEY] });
  });
  afterAll(() => server?.close());

  const freshBoard = async () => (await createBoard(db, { slug: `${engine}-csv-${++boards}` })).slug;

  /** POSTs a file (text, bytes or a stream) to the import route with `query` as its parameters. */
  async function importCsv(query: Record<string, string>, body: string | Uint8Array | ReadableStream<Uint8Array>, key: string | null = ADMIN_KEY): Promise<Answer> {
    const response = await fetch(`${server.url}/api/v1/feedback/imports?${new URLSearchParams(query)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', ...(key ? { Authorization: `Bearer ${key}` } : {}) },
      body,
      duplex: 'half',
    } as RequestInit);
    return { status: response.status, json: await response.json() };
  }

  async function getImport(id: string): Promise<Answer> {
    const response = await fetch(`${server.url}/api/v1/feedback/imports/${id}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
    return { status: response.status, json: await response.json() };
  }

  const itemsOf = (board: string) =>
    db.query<Record<string, unknown>>(
      `SELECT f.source, f.source_id, f.title, f.text, f.author_name, f.author_email, f.author_company, f.received_at
         FROM feedback_items f JOIN boards b ON b.id = f.board_id WHERE b.slug = $1 ORDER BY f.text`,
      [board],
    );

  const stagedRows = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback_import_rows'))[0]!.n;

  const expectBadRequest = (answer: Answer, message: RegExp) => {
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
  };

  it('maps named columns to fields, quoted fields with commas and newlines included', async () => {
    const board = await freshBoard();
    const csv = [
      'Ticket,Subject,Feedback,E-mail,Customer,Org,Received,Ignored',
      `T-1,Exports,"Please, export to PDF",Ada@Example.com,Ada,Acme,2026-03-01T10:00:00Z,x`,
      `T-2,,"Two lines:\nfirst, and ""second""",,Bob,,2026-03-02,y`,
      '',
      `T-3,Dark mode,${board} dark mode please,,,,,z`,
    ].join('\r\n');
    const answer = await importCsv(
      { board, 'map.text': 'Feedback', 'map.title': 'Subject', 'map.email': 'E-mail', 'map.name': 'Customer', 'map.company': 'Org', 'map.date': 'Received', 'map.sourceId': 'Ticket' },
      csv,
    );
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ dryRun: false, state: 'done', rows: 3, created: 3, duplicates: 0, rejected: 0, rejections: [] });
    const items = await itemsOf(board);
    expect(items.map(({ received_at, ...item }) => item)).toEqual([
      { source: 'csv', source_id: 'T-1', title: 'Exports', text: 'Please, export to PDF', author_name: 'Ada', author_email: 'ada@example.com', author_company: 'Acme' },
      { source: 'csv', source_id: 'T-2', title: null, text: 'Two lines:\nfirst, and "second"', author_name: 'Bob', author_email: null, author_company: null },
      { source: 'csv', source_id: 'T-3', title: 'Dark mode', text: `${board} dark mode please`, author_name: null, author_email: null, author_company: null },
    ]);
    expect(new Date(items[0]!.received_at as string).toISOString()).toBe('2026-03-01T10:00:00.000Z');
    // One event for the import, not one per row.
    const events = await db.query<{ type: string; payload: Record<string, unknown> }>(
      `SELECT type, payload FROM domain_events WHERE subject_type = 'feedback_import' AND subject_id = $1`,
      [answer.json.id],
    );
    expect(events).toEqual([{ type: 'feedback.imported', payload: { source: 'csv', rows: 3, created: 3, duplicates: 0, rejected: 0 } }]);
    expect(await stagedRows()).toBe(0);
  });

  it('answers a dry run with the report of the real run, storing nothing; importing again creates nothing', async () => {
    const board = await freshBoard();
    // More rows than the end of a real run makes items of per transaction (5,000).
    const rows = Array.from({ length: 5500 }, (_, n) => `${board} idea ${n % 5400},person${n % 5400}@example.com`);
    const csv = `\uFEFFtext,email\n${rows.join('\n')}\n`;
    const query = { board, 'map.text': 'text', 'map.email': 'email' };
    const figures = ({ rows, created, duplicates, rejected, rejections }: Record<string, unknown>) => ({ rows, created, duplicates, rejected, rejections });

    const dry = await importCsv({ ...query, dryRun: 'true' }, csv);
    expect(dry.status).toBe(201);
    // The last 100 rows say again what rows 2 to 101 said: duplicates within the file.
    expect(dry.json).toMatchObject({ dryRun: true, state: 'done', rows: 5500, created: 5400, duplicates: 100, rejected: 0 });
    expect(await itemsOf(board)).toEqual([]);

    const real = await importCsv(query, csv);
    expect(real.json).toMatchObject({ dryRun: false, state: 'done' });
    expect(figures(real.json)).toEqual(figures(dry.json));
    expect(await itemsOf(board)).toHaveLength(5400);

    const again = await importCsv(query, csv);
    expect(figures(again.json)).toEqual({ rows: 5500, created: 0, duplicates: 5500, rejected: 0, rejections: [] });
    const againDry = await importCsv({ ...query, dryRun: 'true' }, csv);
    expect(figures(againDry.json)).toEqual(figures(again.json));
    expect(await itemsOf(board)).toHaveLength(5400);
    expect((await getImport(real.json.id)).json).toEqual(real.json);
    expect(await stagedRows()).toBe(0);
  });

  it('dedupes by the sourceId column when it is mapped: the same ticket reworded is still a duplicate', async () => {
    const board = await freshBoard();
    const query = { board, 'map.text': 'body', 'map.sourceId': 'id' };
    expect((await importCsv(query, `id,body\n${board}-1,first words\n${board}-2,other words\n`)).json).toMatchObject({ created: 2 });
    const reworded = await importCsv(query, `id,body\n${board}-1,"first words, edited"\n${board}-3,new words\n`);
    expect(reworded.json).toMatchObject({ rows: 2, created: 1, duplicates: 1 });
    expect((await itemsOf(board)).map((item) => item.text)).toEqual(['first words', 'new words', 'other words']);
  });

  it('rejects rows that fail the checks, naming each row and why, and imports the others', async () => {
    const board = await freshBoard();
    const csv = [
      'text,email,date',
      `${board} fine,,`,
      '   ,someone@example.com,',
      `${board} bad email,not-an-email,`,
      `${board} bad date,,next tuesday`,
      `${'x'.repeat(20_001)},,`,
      `${board} also fine,ok@example.com,2026-01-01`,
    ].join('\n');
    const answer = await importCsv({ board, 'map.text': 'text', 'map.email': 'email', 'map.date': 'date' }, csv);
    expect(answer.json).toMatchObject({ state: 'done', rows: 6, created: 2, duplicates: 0, rejected: 4 });
    expect(answer.json.rejections).toEqual([
      { row: 3, reason: 'Feedback needs some words.' },
      { row: 4, reason: '"not-an-email" is not an email address.' },
      { row: 5, reason: '"next tuesday" is not a date and time.' },
      { row: 6, reason: 'Feedback can have at most 20000 characters.' },
    ]);
    expect(await itemsOf(board)).toHaveLength(2);
  });

  it('refuses a file that breaks halfway with 400 naming the row, and keeps nothing of it', async () => {
    const board = await freshBoard();
    const good = Array.from({ length: 700 }, (_, n) => `${board} row ${n},a`);
    const query = { board, 'map.text': 'text' };

    const unclosed = await importCsv(query, `text,other\n${good.join('\n')}\n"${board} never closed,a\n${board} after,b\n`);
    expectBadRequest(unclosed, /^Row 702 of the file cannot be read: Quote Not Closed/);
    expect(unclosed.json.error.details).toMatchObject({ row: 702 });

    const ragged = await importCsv(query, `text,other\n${good.join('\n')}\n${board} one,two,three\n`);
    expectBadRequest(ragged, /^Row 702 of the file cannot be read: Invalid Record Length/);

    expect(await itemsOf(board)).toEqual([]);
    expect(await stagedRows()).toBe(0);
    const failed = await db.query<{ id: string }>(`SELECT id FROM feedback_imports WHERE state = 'failed' ORDER BY started_at DESC LIMIT 1`);
    const report = (await getImport(failed[0]!.id)).json;
    expect(report).toMatchObject({ state: 'failed', created: 0, error: expect.stringMatching(/^Row 702/) });
  });

  it('refuses a file that is not UTF-8, asking for UTF-8, and keeps nothing of it', async () => {
    const board = await freshBoard();
    const latin1 = Buffer.from(`text\n${board} caf\u00e9 ok\n${board} cr\u00e8me br\u00fbl\u00e9e\n`, 'latin1');
    const answer = await importCsv({ board, 'map.text': 'text' }, latin1);
    expectBadRequest(answer, /not UTF-8 text \(line 2 is not\): save it as UTF-8/);
    expect(await itemsOf(board)).toEqual([]);
  });

  it('refuses a map naming a column the file lacks, or no text column, before importing a row', async () => {
    const board = await freshBoard();
    const csv = `Feedback,Email\n${board} words,a@example.com\n`;
    const unknown = await importCsv({ board, 'map.text': 'Feedback', 'map.email': 'Mail' }, csv);
    expectBadRequest(unknown, /^map\.email names the column "Mail", which the file does not have; its columns are "Feedback", "Email"\.$/);
    expectBadRequest(await importCsv({ board, 'map.title': 'Feedback' }, csv), /map\.text/);
    expectBadRequest(await importCsv({ board, 'map.text': 'Feedback' }, ''), /The file is empty/);
    const noBoard = await importCsv({ board: `${board}-missing`, 'map.text': 'Feedback' }, csv);
    expect(noBoard.status).toBe(404);
    expect(await itemsOf(board)).toEqual([]);
  });

  it('lets only admins import', async () => {
    const board = await freshBoard();
    expect((await importCsv({ board, 'map.text': 'text' }, `text\n${board} hi\n`, null)).status).toBe(401);
    expect(await itemsOf(board)).toEqual([]);
  });

  it('shows an import\'s progress while the file is still streaming in', async () => {
    const board = await freshBoard();
    let send!: (text: string) => void;
    let end!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        send = (text) => controller.enqueue(new TextEncoder().encode(text));
        end = () => controller.close();
      },
    });
    const answer = importCsv({ board, 'map.text': 'text' }, body);
    send('text\n');
    // A row every 200 ms: a batch far from full is still saved once a second has passed. The
    // uploader finds its import among the latest ones, and follows it.
    let sent = 0;
    let running: any;
    for (let tries = 0; tries < 100 && !running; tries++) {
      send(`${board} row ${++sent}\n`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const latest = await fetch(`${server.url}/api/v1/feedback/imports?limit=1`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
      const [newest] = (await latest.json()) as Array<{ id: string; rows: number }>;
      if (newest && newest.rows > 0) running = (await getImport(newest.id)).json;
    }
    expect(running).toMatchObject({ state: 'running', created: running?.rows, finishedAt: null });
    expect(running.rows).toBeGreaterThan(0);
    expect(running.rows).toBeLessThanOrEqual(sent);
    // Nothing is stored until the whole file is in.
    expect(await itemsOf(board)).toEqual([]);
    send(`${board} last row\n`);
    end();
    const done = await answer;
    expect(done.json).toMatchObject({ id: running.id, state: 'done', rows: sent + 1, created: sent + 1 });
    expect((await getImport(running.id)).json).toEqual(done.json);
    expect(await itemsOf(board)).toHaveLength(sent + 1);
  });
});
