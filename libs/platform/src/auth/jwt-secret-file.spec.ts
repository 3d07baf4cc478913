import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadOrCreateJwtSecret } from './jwt-secret-file';

describe('loadOrCreateJwtSecret', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ledger-secret-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates 32 random bytes in a file readable by its owner only, including missing directories', async () => {
    const file = path.join(dir, 'nested', 'jwt-secret');
    const secret = await loadOrCreateJwtSecret(file);
    expect(secret.created).toBe(true);
    expect(secret.key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url')).toEqual(Buffer.from(secret.key));
    expect(secret.warning).toBeUndefined();
  });

  it('reads the same secret on the next start', async () => {
    const file = path.join(dir, 'jwt-secret');
    const first = await loadOrCreateJwtSecret(file);
    const second = await loadOrCreateJwtSecret(file);
    expect(second.created).toBe(false);
    expect(second.key).toEqual(first.key);
  });

  it('gives processes starting together one shared secret', async () => {
    const file = path.join(dir, 'jwt-secret');
    const secrets = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateJwtSecret(file)));
    expect(new Set(secrets.map((secret) => Buffer.from(secret.key).toString('hex'))).size).toBe(1);
    expect(secrets.filter((secret) => secret.created)).toHaveLength(1);
  });

  it('refuses a secret shorter than 32 bytes', async () => {
    const file = path.join(dir, 'jwt-secret');
    writeFileSync(file, Buffer.alloc(16, 1).toString('base64url'), { mode: 0o600 });
    await expect(loadOrCreateJwtSecret(file)).rejects.toThrow(`JWT secret file ${file} must hold at least 32 bytes encoded as base64url`);
  });

  it('warns when the file is readable by others', async () => {
    const file = path.join(dir, 'jwt-secret');
    await loadOrCreateJwtSecret(file);
    chmodSync(file, 0o644);
    expect((await loadOrCreateJwtSecret(file)).warning).toMatch(/readable by group or others \(mode 644\)/);
  });
});
