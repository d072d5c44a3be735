import fs from 'node:fs/promises';
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
export async function readZipDirectory(file: string, maxEntries = defaultZipLimits.maxEntries) {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    if (size < 22 || head.readUInt32LE(0) !== 0x04034b50) throw new AppError('IMPORT_NOT_XLSX');
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await handle.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new AppError('IMPORT_NOT_XLSX');
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (count > maxEntries) throw new AppError('IMPORT_TOO_LARGE');
    if (dirOffset + dirSize > size) throw new AppError('IMPORT_NOT_XLSX');
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    const entries = new Map<string, ZipEntry>();
    let pos = 0;
    for (let n = 0; n < count; n++) {
      if (pos + 46 > dir.length || dir.readUInt32LE(pos) !== 0x02014b50)
        throw new AppError('IMPORT_NOT_XLSX');
      const nameLen = dir.readUInt16LE(pos + 28);
      const compressedSize = dir.readUInt32LE(pos + 20);
      const uncompressedSize = dir.readUInt32LE(pos + 24);
      // 0xFFFFFFFF marks zip64 sizes: no workbook we accept needs them.
      if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff)
        throw new AppError('IMPORT_TOO_LARGE');
      entries.set(dir.toString('utf8', pos + 46, pos + 46 + nameLen), {
        method: dir.readUInt16LE(pos + 10),
        compressedSize,
        uncompressedSize,
        dataOffset: dir.readUInt32LE(pos + 42),
      });
      pos += 46 + nameLen + dir.readUInt16LE(pos + 30) + dir.readUInt16LE(pos + 32);
    }
    for (const entry of entries.values()) {
      const local = Buffer.alloc(30);
      await handle.read(local, 0, 30, entry.dataOffset);
      if (local.readUInt32LE(0) !== 0x04034b50) throw new AppError('IMPORT_NOT_XLSX');
      entry.dataOffset += 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (entry.dataOffset + entry.compressedSize > size) throw new AppError('IMPORT_NOT_XLSX');
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/**
 * Reads the zip's central directory before any parser touches the file: an .xlsx is a zip that
 * holds xl/workbook.xml; a zip bomb announces sizes or ratios no real workbook has.
 */
export async function checkXlsxContainer(file: string, limits: ZipLimits = defaultZipLimits): Promise<void> {
  const entries = await readZipDirectory(file, limits.maxEntries);
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
