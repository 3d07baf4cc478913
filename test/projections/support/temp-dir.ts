import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh temporary directory, in memory (/dev/shm) when the machine has one: these tests are
 * about projection, not disk flushes, and an in-memory directory keeps them fast.
 */
export function fastTempDir(prefix: string): string {
  let base = tmpdir();
  try {
    accessSync('/dev/shm', constants.W_OK);
    base = '/dev/shm';
  } catch {
    // no writable /dev/shm: use the ordinary temporary directory
  }
  return mkdtempSync(join(base, prefix));
}
