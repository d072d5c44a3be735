import { AppError } from '../../lib/errors.js';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxRatio: number;
}

export const defaultZipLimits: ZipLimits = { maxEntries: 2000, maxTotalBytes: 1024 ** 3, maxRatio: 300 };

export interface ZipEntry {
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the part's data starts: after its local header, whose name and extra lengths may differ. */
  dataOffset: number;
}

/** The parts of a zip by name, from its central directory; anything that is not a zip is IMPORT_NOT_XLSX. */
export function readZipDirectory(zip: Buffer, maxEntries = defaultZipLimits.maxEntries) {
  const size = zip.length;
  if (size < 22 || zip.readUInt32LE(0) !== 0x04034b50) throw new AppError('IMPORT_NOT_XLSX');
  let eocd = -1;
  for (let i = size - 22; i >= Math.max(0, size - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new AppError('IMPORT_NOT_XLSX');
  const count = zip.readUInt16LE(eocd + 10);
  const dirSize = zip.readUInt32LE(eocd + 12);
  const dirOffset = zip.readUInt32LE(eocd + 16);
  if (count > maxEntries) throw new AppError('IMPORT_TOO_LARGE');
  if (dirOffset + dirSize > size) throw new AppError('IMPORT_NOT_XLSX');
  const dir = zip.subarray(dirOffset, dirOffset + dirSize);
  const entries = new Map<string, ZipEntry>();
  let pos = 0;
  for (let n = 0; n < count; n++) {
    if (pos + 46 > dir.length || dir.readUInt32LE(pos) !== 0x02014b50) throw new AppError('IMPORT_NOT_XLSX');
    const nameLen = dir.readUInt16LE(pos + 28);
    const compressedSize = dir.readUInt32LE(pos + 20);
    const uncompressedSize = dir.readUInt32LE(pos + 24);
    // 0xFFFFFFFF marks zip64 sizes: no workbook we accept needs them.
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff)
      throw new AppError('IMPORT_TOO_LARGE');
    if (pos + 46 + nameLen > dir.length) throw new AppError('IMPORT_NOT_XLSX');
    entries.set(dir.toString('utf8', pos + 46, pos + 46 + nameLen), {
      method: dir.readUInt16LE(pos + 10),
      compressedSize,
      uncompressedSize,
      dataOffset: dir.readUInt32LE(pos + 42),
    });
    pos += 46 + nameLen + dir.readUInt16LE(pos + 30) + dir.readUInt16LE(pos + 32);
  }
  for (const entry of entries.values()) {
    if (entry.dataOffset + 30 > size || zip.readUInt32LE(entry.dataOffset) !== 0x04034b50) {
      throw new AppError('IMPORT_NOT_XLSX');
    }
    entry.dataOffset +=
      30 + zip.readUInt16LE(entry.dataOffset + 26) + zip.readUInt16LE(entry.dataOffset + 28);
    if (entry.dataOffset + entry.compressedSize > size) throw new AppError('IMPORT_NOT_XLSX');
  }
  return entries;
}

/**
 * Reads the zip's central directory before any parser touches the file: an .xlsx is a zip that
 * holds xl/workbook.xml; a zip bomb announces sizes or ratios no real workbook has.
 */
export function checkXlsxContainer(zip: Buffer, limits: ZipLimits = defaultZipLimits): void {
  const entries = readZipDirectory(zip, limits.maxEntries);
  let total = 0;
  for (const entry of entries.values()) {
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes) throw new AppError('IMPORT_TOO_LARGE');
    if (
      entry.uncompressedSize > 1_000_000 &&
      entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio
    ) {
      throw new AppError('IMPORT_TOO_LARGE');
    }
  }
  if (!entries.has('xl/workbook.xml')) throw new AppError('IMPORT_NOT_XLSX');
}
