import fs from 'node:fs/promises';
import { AppError } from '../../lib/errors.js';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxRatio: number;
}

export const defaultZipLimits: ZipLimits = { maxEntries: 2000, maxTotalBytes: 1024 ** 3, maxRatio: 300 };

/**
 * Reads the zip's central directory before any parser touches the file: an .xlsx is a zip that
 * holds xl/workbook.xml; a zip bomb announces sizes or ratios no real workbook has.
 */
export async function checkXlsxContainer(file: string, limits: ZipLimits = defaultZipLimits): Promise<void> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await handle.read(tail, 0, tailLen, size - tailLen);
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    if (head.readUInt32LE(0) !== 0x04034b50) throw new AppError('IMPORT_NOT_XLSX');
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new AppError('IMPORT_NOT_XLSX');
    const entries = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (entries > limits.maxEntries) throw new AppError('IMPORT_TOO_LARGE');
    if (dirOffset + dirSize > size) throw new AppError('IMPORT_NOT_XLSX');
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    let pos = 0;
    let total = 0;
    let hasWorkbook = false;
    for (let n = 0; n < entries; n++) {
      if (pos + 46 > dir.length || dir.readUInt32LE(pos) !== 0x02014b50)
        throw new AppError('IMPORT_NOT_XLSX');
      const compressed = dir.readUInt32LE(pos + 20);
      const uncompressed = dir.readUInt32LE(pos + 24);
      const nameLen = dir.readUInt16LE(pos + 28);
      const extraLen = dir.readUInt16LE(pos + 30);
      const commentLen = dir.readUInt16LE(pos + 32);
      const name = dir.toString('utf8', pos + 46, pos + 46 + nameLen);
      if (name === 'xl/workbook.xml') hasWorkbook = true;
      // 0xFFFFFFFF marks zip64 sizes: no workbook we accept needs them.
      if (uncompressed === 0xffffffff || compressed === 0xffffffff) throw new AppError('IMPORT_TOO_LARGE');
      total += uncompressed;
      if (total > limits.maxTotalBytes) throw new AppError('IMPORT_TOO_LARGE');
      if (uncompressed > 1_000_000 && uncompressed / Math.max(1, compressed) > limits.maxRatio) {
        throw new AppError('IMPORT_TOO_LARGE');
      }
      pos += 46 + nameLen + extraLen + commentLen;
    }
    if (!hasWorkbook) throw new AppError('IMPORT_NOT_XLSX');
  } finally {
    await handle.close();
  }
}
