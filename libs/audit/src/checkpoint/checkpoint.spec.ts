import { generateKeyPairSync } from 'node:crypto';
import { publicKeyFingerprint } from '../signing/ledger-signing-key';
import { checkCheckpointSignature, CheckpointFormatError, checkpointStatement, parseSignedCheckpoint, signCheckpoint, signedFields, trustedKeys } from './checkpoint';

function key() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, fingerprint: publicKeyFingerprint(publicKey) };
}

describe('signed checkpoints', () => {
  const ledgerKey = key();
  const keys = trustedKeys(ledgerKey.publicKey);
  const checkpoint = signCheckpoint(ledgerKey, { treeSize: 12, position: 14, rootHash: 'ab'.repeat(32), signedAt: '2025-01-02T03:04:05.678Z' });

  it('verifies with the ledger key and with no other', () => {
    expect(checkCheckpointSignature(checkpoint, keys)).toBeNull();
    expect(checkCheckpointSignature(checkpoint, trustedKeys(key().publicKey))).toBe('unknown-key');
  });

  it('detects a change to any signed field', () => {
    const changes = { treeSize: 13, position: 15, rootHash: 'cd'.repeat(32), signedAt: '2025-01-02T03:04:05.679Z' };
    for (const [field, value] of Object.entries(changes)) {
      expect(checkCheckpointSignature({ ...checkpoint, [field]: value }, keys)).toBe('bad-signature');
    }
  });

  it('signs a labelled canonical statement, so the signature cannot be reused for anything else', () => {
    expect(checkpointStatement(checkpoint)).toBe(
      `liaison-ledger checkpoint v1\n{"position":14,"publicKeyFingerprint":"${ledgerKey.fingerprint}","rootHash":"${'ab'.repeat(32)}","signedAt":"2025-01-02T03:04:05.678Z","treeSize":12}`,
    );
  });

  it('parses untrusted data, naming the field and the rule it breaks', () => {
    expect(parseSignedCheckpoint(JSON.parse(JSON.stringify({ ...checkpoint, extra: 1 })), 'file')).toEqual(signedFields(checkpoint));
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...checkpoint, treeSize: -1 }, /file: checkpoint field treeSize must be a non-negative integer/],
      [{ ...checkpoint, rootHash: 'AB'.repeat(32) }, /rootHash must be 64 lowercase hex characters/],
      [{ ...checkpoint, signature: 'x' }, /signature must be a base64 Ed25519 signature/],
      [{ ...checkpoint, signedAt: 'yesterday' }, /signedAt must be an ISO-8601 UTC date-time/],
      [{ ...checkpoint, position: 0 }, /position must be 0 exactly when treeSize is 0/],
    ];
    for (const [value, message] of bad) {
      expect(() => parseSignedCheckpoint(value, 'file')).toThrow(CheckpointFormatError);
      expect(() => parseSignedCheckpoint(value, 'file')).toThrow(message);
    }
    expect(() => parseSignedCheckpoint([], 'file')).toThrow(/must be a JSON object/);
  });
});
