import { pipeline, Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError } from '../../lib/errors.js';
import { readZipDirectory } from './zip-guard.js';

/**
 * The first worksheet of an .xlsx, row by row, read through the zip's central directory.
 *
 * exceljs's streaming WorkbookReader walks the zip in stored order with unzipper's `Parse`, which
 * emits a synthetic 'end' as soon as its input is written; entries still buffered are then dropped
 * at random (exceljs#3064: "Cannot read properties of undefined (reading 'sheets')"), and exceljs
 * itself stores xl/workbook.xml last, so valid files — our own exports included — failed about one
 * import in a hundred. Here every part is located by the central directory and inflated on its own,
 * the workbook parts first, and the sheet is still parsed as a stream (constant memory). Each part
 * may not inflate beyond the size the directory announced (the zip guard checked those sizes), and
 * parts reach exceljs as text so that no character is cut in two at a chunk boundary.
 */

/** The private steps of exceljs 4.4's WorkbookReader.parse, driven here in a safe order. */
interface ReaderSteps {
  model?: { sheets?: { rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(
    iterator: AsyncIterable<unknown>,
    sheetNo: string,
  ): Iterator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

/** Stops a part that inflates beyond its announced size (a zip bomb lying in its directory). */
function capped(limit: number) {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      done(seen > limit ? new AppError('IMPORT_TOO_LARGE') : null, chunk);
    },
  });
}

export async function openFirstWorksheet(
  zip: Buffer,
  options: { sharedStrings: 'cache'; styles: 'cache'; hyperlinks: 'ignore' },
): Promise<AsyncIterable<ExcelJS.Row>> {
  const entries = readZipDirectory(zip);
  const open = (name: string): Readable | null => {
    const entry = entries.get(name);
    if (!entry) return null;
    if (entry.method !== 0 && entry.method !== 8) throw new AppError('IMPORT_NOT_XLSX');
    if (entry.compressedSize === 0) return Readable.from([]);
    const raw = Readable.from([zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize)], {
      objectMode: false,
    });
    // pipeline: an error anywhere (or the reader stopping early) closes the inflater too.
    const limit = capped(entry.uncompressedSize);
    const ignore = () => {};
    const out =
      entry.method === 8
        ? pipeline(raw, zlib.createInflateRaw(), limit, ignore)
        : pipeline(raw, limit, ignore);
    // Text, not bytes: exceljs decodes each chunk on its own, which splits a character (大学本科 →
    // 大学本��) wherever a chunk boundary falls inside it; a string decoder carries the bytes over.
    return out.setEncoding('utf8');
  };
  const required = (name: string) => {
    const stream = open(name);
    if (!stream) throw new AppError('IMPORT_NOT_XLSX');
    return stream;
  };
  // The reader's own input is never read: every part comes through `open` above.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    ...options,
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as ReaderSteps;
  await reader._parseRels(required('xl/_rels/workbook.xml.rels'));
  await reader._parseWorkbook(required('xl/workbook.xml'));
  const sharedStrings = open('xl/sharedStrings.xml');
  if (sharedStrings) for await (const _ of reader._parseSharedStrings(sharedStrings));
  const styles = open('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);
  // API.md: the first sheet of the workbook (its order in workbook.xml, not in the zip).
  const first = reader.model?.sheets?.[0];
  const rel = first && reader.workbookRels?.find((r) => r.Id === first.rId);
  const target = rel?.Target.replace(/^\//, '');
  const path = target && (target.startsWith('xl/') ? target : `xl/${target}`);
  const sheetNo = path && /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path)?.[1];
  if (!path || !sheetNo) throw new AppError('IMPORT_NOT_XLSX');
  const step = reader._parseWorksheet(required(path), sheetNo).next();
  if (step.done) throw new AppError('IMPORT_NOT_XLSX');
  return step.value.value;
}
