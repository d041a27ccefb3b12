import { SaysoError } from '@sayso/core';
import { CsvError, parse } from 'csv-parse';
import { isUtf8 } from 'node:buffer';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// Reads a CSV body as it streams in: bytes checked as UTF-8, then csv-parse's streaming parser,
// one record at a time, so a file of any length takes the same memory.

/** One record of the file and its number as a spreadsheet shows it (the header is row 1). */
export interface CsvRow {
  row: number;
  cells: string[];
}

const LINE_FEED = 0x0a;

/** The number (from 1) of the first line of `bytes` that is not UTF-8, counting `linesBefore` earlier lines. */
function firstBadLine(bytes: Buffer, linesBefore: number): number {
  let line = linesBefore + 1;
  let start = 0;
  // A line feed is never part of a multi-byte character, so each line can be judged alone.
  for (let end = bytes.indexOf(LINE_FEED); end !== -1; end = bytes.indexOf(LINE_FEED, start)) {
    if (!isUtf8(bytes.subarray(start, end))) return line;
    line++;
    start = end + 1;
  }
  return line;
}

const notUtf8 = (line: number) =>
  new SaysoError('invalid_input', `The file is not UTF-8 text (line ${line} is not): save it as UTF-8 (CSV UTF-8 in Excel) and import it again.`, {
    line,
  });

/** Decodes UTF-8 (a byte order mark is dropped) and fails, naming the line, at the first byte that is not. */
function utf8Text(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 0;
  return new Transform({
    decodeStrings: true,
    transform(chunk: Buffer, _encoding, done) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        done(notUtf8(firstBadLine(chunk, lines)));
        return;
      }
      for (let at = chunk.indexOf(LINE_FEED); at !== -1; at = chunk.indexOf(LINE_FEED, at + 1)) lines++;
      if (text) this.push(text);
      done();
    },
    flush(done) {
      try {
        const rest = decoder.decode();
        if (rest) this.push(rest);
        done();
      } catch {
        // A file that ends inside a multi-byte character.
        done(notUtf8(lines + 1));
      }
    },
  });
}


/**
 * The records of a CSV body, header first. A file that cannot be read to its end (an unclosed
 * quote, a row with another number of columns than the header, bytes that are not UTF-8) throws
 * `invalid_input` naming the row; an empty line is skipped. Stopping early cancels the body.
 */
export async function* csvRows(body: ReadableStream<Uint8Array>): AsyncGenerator<CsvRow> {
  const parser = parse({ skip_empty_lines: true, relax_column_count: false });
  // Errors of the body or the decoder end the parser with them, and reach the loop below.
  pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), utf8Text(), parser).catch(() => {});
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) yield { row: ++row, cells };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The parser's own count (records, the header included) is ahead of the rows this loop got.
    const broken = (typeof error.records === 'number' ? error.records : row) + 1;
    throw new SaysoError('invalid_input', `Row ${broken} of the file cannot be read: ${error.message}. Nothing was imported.`, {
      row: broken,
      csvError: error.code,
    });
  }
}
