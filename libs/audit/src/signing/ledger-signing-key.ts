import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Raised when a key file is missing, unreadable or not an Ed25519 key; names the file and the rule. */
export class SigningKeyError extends Error {
  readonly code = 'SIGNING_KEY_INVALID';
  constructor(
    readonly file: string,
    readonly rule: string,
  ) {
    super(`signing key ${file}: ${rule}`);
    this.name = 'SigningKeyError';
  }
}

/** The ledger's Ed25519 key pair: signs checkpoints; its public half is what auditors trust. */
export interface LedgerSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SHA-256 (hex) of the public key's DER SubjectPublicKeyInfo: names the key in checkpoints. */
  fingerprint: string;
}

/**
 * Loads the PEM (PKCS#8) private key at `file`. When the file does not exist and `createIfMissing`
 * is set (the embedded default), generates a new Ed25519 key and writes it with mode 0600 first.
 */
export function loadOrCreateSigningKey(file: string, options: { createIfMissing: boolean }): LedgerSigningKey {
  if (!fs.existsSync(file)) {
    if (!options.createIfMissing) throw new SigningKeyError(file, 'file does not exist (configure LEDGER_SIGNING_KEY_FILE with an Ed25519 private key in PEM)');
    const { privateKey } = generateKeyPairSync('ed25519');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // 'wx' refuses to overwrite a key another process created a moment ago; that key then wins.
    try {
      fs.writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return signingKeyFromPem(fs.readFileSync(file, 'utf8'), file);
}

export function signingKeyFromPem(pem: string, source = 'PEM'): LedgerSigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new SigningKeyError(source, 'is not a PEM private key');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(source, `must be an Ed25519 key (found ${privateKey.asymmetricKeyType})`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, fingerprint: publicKeyFingerprint(publicKey) };
}

/** Reads an Ed25519 public key from PEM text (SPKI), or derives it from a PEM private key. */
export function publicKeyFromPem(pem: string, source = 'PEM'): KeyObject {
  let key: KeyObject;
  try {
    key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
  } catch {
    throw new SigningKeyError(source, 'is not a PEM public or private key');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(source, `must be an Ed25519 key (found ${key.asymmetricKeyType})`);
  return key;
}

export function readPublicKeyFile(file: string): KeyObject {
  if (!fs.existsSync(file)) throw new SigningKeyError(file, 'file does not exist');
  return publicKeyFromPem(fs.readFileSync(file, 'utf8'), file);
}

export function publicKeyPem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'spki' }).toString();
}

export function publicKeyFingerprint(key: KeyObject): string {
  return createHash('sha256').update(key.export({ format: 'der', type: 'spki' })).digest('hex');
}

/** Ed25519 signature (base64) over `message`. */
export function signMessage(privateKey: KeyObject, message: string): string {
  return sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64');
}

export function verifyMessage(publicKey: KeyObject, message: string, signatureBase64: string): boolean {
  if (typeof signatureBase64 !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(signatureBase64)) return false;
  return verify(null, Buffer.from(message, 'utf8'), publicKey, Buffer.from(signatureBase64, 'base64'));
}
