import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.js';

/** Personal data (ID number, phone, address) is encrypted at rest with AES-256-GCM (ARCHITECTURE.md §4). */
export interface Vault {
  encrypt(plain: string): string;
  decrypt(box: string): string;
  /** Keyed hash for uniqueness and exact lookup without decrypting. */
  blindIndex(value: string): string;
}

export function createVault(masterKey: Buffer): Vault {
  const encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dangjian:encrypt', 32));
  const macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dangjian:blind-index', 32));
  // IVs come from one CSPRNG draw per 4,096 encryptions: an import encrypts 300k fields.
  let ivs: Buffer = Buffer.alloc(0);
  let next = 0;
  const nextIv = () => {
    if (next + 12 > ivs.length) {
      ivs = randomBytes(12 * 4096);
      next = 0;
    }
    next += 12;
    return ivs.subarray(next - 12, next);
  };
  return {
    encrypt(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt(box) {
      const raw = Buffer.from(box, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(value) {
      return createHmac('sha256', macKey).update(value).digest('base64url');
    },
  };
}

/**
 * MASTER_KEY (32 bytes, base64 or hex) wins; otherwise a key file is created in DATA_DIR on first
 * start. Losing that file makes the encrypted fields unreadable, so the backup guide says to keep it.
 */
export function loadMasterKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) {
    const key = /^[0-9a-fA-F]{64}$/.test(configured)
      ? Buffer.from(configured, 'hex')
      : Buffer.from(configured, 'base64');
    if (key.length !== 32) throw new ConfigError('MASTER_KEY 必须是 32 字节的密钥（64 位十六进制或 base64）');
    return key;
  }
  const file = path.join(dataDir, 'master.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  return key;
}

/**
 * The audit chain's HMAC key. Derived, never stored: whoever can write the database but does not
 * hold MASTER_KEY / master.key cannot forge an event or the chain's head (lib/audit.ts).
 */
export function auditChainKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dangjian audit chain', 32));
}

/** Names a key without revealing it: a backup records it so a restore can refuse the wrong key first. */
export function keyCheckValue(masterKey: Buffer): string {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dangjian:key-check', 16)).toString(
    'hex',
  );
}
