import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export const JWT_SECRET_BYTES = 32;

export interface JwtSecret {
  key: Uint8Array;
  /** True when this call created the file. */
  created: boolean;
  /** Set when the file can be read by group or others; the caller should log it. */
  warning?: string;
}

/**
 * Reads the HS256 secret, creating it on first start: 32 random bytes, base64url-encoded, mode 0600.
 * Two processes starting together end up sharing one secret.
 */
export async function loadOrCreateJwtSecret(file: string): Promise<JwtSecret> {
  try {
    return await readSecret(file, false);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written in full to a private temporary file, then linked into place: the link either
  // publishes a complete secret or fails because another process published one first.
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await fs.open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(`${Buffer.from(randomBytes(JWT_SECRET_BYTES)).toString('base64url')}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readSecret(file, false);
  } finally {
    await fs.rm(temporary, { force: true });
  }
  return readSecret(file, true);
}

async function readSecret(file: string, created: boolean): Promise<JwtSecret> {
  const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
  const encoded = text.trim();
  const key = new Uint8Array(Buffer.from(encoded, 'base64url'));
  if (!/^[A-Za-z0-9_-]+$/.test(encoded) || key.length < JWT_SECRET_BYTES) {
    throw new Error(`JWT secret file ${file} must hold at least ${JWT_SECRET_BYTES} bytes encoded as base64url`);
  }
  const warning = (stat.mode & 0o077) !== 0 ? `JWT secret file ${file} is readable by group or others (mode ${(stat.mode & 0o777).toString(8)}); restrict it to 0600` : undefined;
  return warning === undefined ? { key, created } : { key, created, warning };
}
