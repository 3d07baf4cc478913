import type { Command } from 'commander';
import { readCheckpointFile, readIntegrityStatus, readPublicKeyFile, recordVerification, verifyLedger, type SignedCheckpoint } from '@ledger/audit';
import { auditContext, print, progressReporter, runAction, verificationKey, withStore, type StoreOption } from './audit-context';
import { formatVerification } from './format-results';

interface VerifyOptions extends StoreOption {
  trustedCheckpoint: string[];
  publicKey?: string;
  previousKey: string[];
  ignorePrevious?: boolean;
  json?: boolean;
}

/** `verify`: checks every hash chain and signed checkpoint; exit code 1 when anything is wrong. */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('verify the whole ledger: every stream\'s hash chain, every signed checkpoint, and trusted checkpoints held outside the ledger')
    .option('--trusted-checkpoint <file>', 'a checkpoint file held outside the ledger (repeatable); detects a truncated or rewritten tail', collect, [])
    .option('--public-key <file>', 'the ledger public key (PEM); default: derived from LEDGER_SIGNING_KEY_FILE')
    .option('--previous-key <file>', 'an earlier ledger public key (PEM, repeatable): trusts checkpoints signed before a key rotation', collect, [])
    .option('--ignore-previous', 'do not compare with the checkpoint the previous verification matched')
    .option('--json', 'print the full result as JSON')
    .option('--store <url>', 'event store URL (default LEDGER_EVENT_STORE)')
    .action(
      runAction(async (options: VerifyOptions) => {
        const context = auditContext(options);
        const publicKey = [verificationKey(context, options.publicKey), ...options.previousKey.map((file) => readPublicKeyFile(file))];
        const trusted: Array<{ checkpoint: SignedCheckpoint; source: string }> = options.trustedCheckpoint.map((file) => ({ checkpoint: readCheckpointFile(file), source: file }));
        const previous = options.ignorePrevious ? null : readIntegrityStatus(context.audit.integrityFile);
        if (previous?.lastVerifiedCheckpoint) trusted.push({ checkpoint: previous.lastVerifiedCheckpoint, source: `the previous verification (${context.audit.integrityFile})` });

        const bar = progressReporter('verify');
        const result = await withStore(context, (store) => verifyLedger(store, publicKey, { trustedCheckpoints: trusted, onProgress: bar.onProgress })).finally(() => bar.stop());
        recordVerification(context.audit.integrityFile, result);
        print(options.json ? JSON.stringify(result, null, 2) : formatVerification(result));
        if (!result.ok) process.exitCode = 1;
      }),
    );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
