import type { Command } from 'commander';
import { CheckpointService, writeCheckpointFile } from '@ledger/audit';
import { auditContext, print, printError, progressReporter, runAction, signingKey, withStore, type StoreOption } from './audit-context';
import { describeCheckpoint } from './format-results';

/** `checkpoint`: signs a checkpoint over the whole log now. */
export function registerCheckpointCommand(program: Command): void {
  program
    .command('checkpoint')
    .description('sign a checkpoint over the whole log now; --out keeps a copy an auditor can later verify against')
    .option('--out <file>', 'also write the signed checkpoint to this file (JSON), for verify --trusted-checkpoint')
    .option('--store <url>', 'event store URL (default LEDGER_EVENT_STORE)')
    .action(
      runAction(async (options: StoreOption & { out?: string }) => {
        const context = auditContext(options);
        const key = signingKey(context);
        const checkpoint = await withStore(context, async (store) => {
          const signer = new CheckpointService(store, key, { interval: context.audit.checkpointInterval });
          const bar = progressReporter('checkpoint');
          await signer.catchUp(bar.onProgress).finally(() => bar.stop());
          return signer.checkpointNow();
        });
        if (options.out) writeCheckpointFile(options.out, checkpoint);
        print(`checkpoint signed: ${describeCheckpoint(checkpoint)}`);
        print(`  event ledger-checkpoints revision ${checkpoint.eventRevision} at position ${checkpoint.eventPosition}; key ${checkpoint.publicKeyFingerprint}`);
        if (options.out) printError(`  written to ${options.out}`);
      }),
    );
}
