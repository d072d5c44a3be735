import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../lib/errors.js';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}

/** At least 8 characters of at least two kinds (letters, digits, symbols); at most 128. */
export function assertStrongPassword(password: string, username?: string) {
  const kinds = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  const tooSimple = username !== undefined && password.toLowerCase() === username.toLowerCase();
  if (password.length < 8 || password.length > 128 || kinds < 2 || tooSimple) {
    throw new AppError('WEAK_PASSWORD');
  }
}
