import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadOrCreateSigningKey, publicKeyFingerprint, publicKeyFromPem, publicKeyPem, readPublicKeyFile, SigningKeyError, signMessage, verifyMessage } from './ledger-signing-key';

describe('ledger signing key', () => {
  let directory: string;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-key-'));
  });
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('is generated on first start (mode 0600, directories created) and the same key is loaded afterwards', () => {
    const file = path.join(directory, 'data', 'ledger-signing-key.pem');
    const created = loadOrCreateSigningKey(file, { createIfMissing: true });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const loaded = loadOrCreateSigningKey(file, { createIfMissing: false });
    expect(loaded.fingerprint).toBe(created.fingerprint);
    expect(loaded.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(created.privateKey.asymmetricKeyType).toBe('ed25519');
  });

  it('is required to exist when not the embedded default, and must be an Ed25519 key', () => {
    const missing = path.join(directory, 'absent.pem');
    expect(() => loadOrCreateSigningKey(missing, { createIfMissing: false })).toThrow(SigningKeyError);
    expect(() => loadOrCreateSigningKey(missing, { createIfMissing: false })).toThrow(/absent\.pem: file does not exist/);
    expect(fs.existsSync(missing)).toBe(false);

    const rsa = path.join(directory, 'rsa.pem');
    fs.writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expect(() => loadOrCreateSigningKey(rsa, { createIfMissing: false })).toThrow(/must be an Ed25519 key \(found rsa\)/);
    const garbage = path.join(directory, 'garbage.pem');
    fs.writeFileSync(garbage, 'not a key');
    expect(() => loadOrCreateSigningKey(garbage, { createIfMissing: false })).toThrow(/is not a PEM private key/);
  });

  it('exports its public half as PEM, from which auditors verify signatures', () => {
    const key = loadOrCreateSigningKey(path.join(directory, 'k.pem'), { createIfMissing: true });
    const pem = publicKeyPem(key.publicKey);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const file = path.join(directory, 'public.pem');
    fs.writeFileSync(file, pem);
    const auditorKey = readPublicKeyFile(file);
    expect(publicKeyFingerprint(auditorKey)).toBe(key.fingerprint);
    // The private key file also yields the public key.
    expect(publicKeyFingerprint(readPublicKeyFile(path.join(directory, 'k.pem')))).toBe(key.fingerprint);

    const signature = signMessage(key.privateKey, 'statement');
    expect(verifyMessage(auditorKey, 'statement', signature)).toBe(true);
    expect(verifyMessage(auditorKey, 'statemenT', signature)).toBe(false);
    expect(verifyMessage(auditorKey, 'statement', 'not base64')).toBe(false);
    expect(() => publicKeyFromPem('nonsense')).toThrow(SigningKeyError);
  });
});
