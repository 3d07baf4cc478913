import * as fs from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { CheckpointService, exportBundle, type BundleSelection } from '@ledger/audit';
import { auditContext, positiveInteger, printError, progressReporter, runAction, signingKey, verificationKey, withStore, type StoreOption } from './audit-context';
import { describeCheckpoint } from './format-results';

interface ExportOptions extends StoreOption {
  agency?: string;
  stream?: string;
  from?: number;
  to?: number;
  out?: string;
  checkpoint: boolean;
  publicKey?: string;
}

/** `export`: writes an audit bundle (JSON Lines) that `verify-bundle` checks offline. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export an audit bundle of an agency\'s streams (and those it took part in) or of one stream, with inclusion proofs against a signed checkpoint')
    .option('--agency <id>', 'the agency whose streams to export')
    .option('--stream <name>', 'one stream to export')
    .option('--from <position>', 'first global position', positiveInteger('--from'))
    .option('--to <position>', 'last global position', positiveInteger('--to'))
    .option('--out <file>', 'write the bundle here (default: standard output)')
    .option('--no-checkpoint', 'do not sign a fresh checkpoint first (events after the latest one are then left out)')
    .option('--public-key <file>', 'the ledger public key (PEM), when the signing key is not at hand (implies --no-checkpoint)')
    .option('--store <url>', 'event store URL (default LEDGER_EVENT_STORE)')
    .action(
      runAction(async (options: ExportOptions) => {
        if ((options.agency === undefined) === (options.stream === undefined)) throw new Error('give exactly one of --agency <id> or --stream <name>');
        const selection = { ...(options.agency !== undefined ? { agencyId: options.agency } : { stream: options.stream! }), fromPosition: options.from, toPosition: options.to } as BundleSelection;
        const context = auditContext(options);
        const signWithKey = options.checkpoint && options.publicKey === undefined;
        const publicKey = signWithKey ? signingKey(context).publicKey : verificationKey(context, options.publicKey);

        await withStore(context, async (store) => {
          if (signWithKey) {
            // A fresh checkpoint lets the bundle cover everything committed so far.
            const signer = new CheckpointService(store, signingKey(context), { interval: context.audit.checkpointInterval });
            const catchUp = progressReporter('checkpoint');
            await signer.catchUp(catchUp.onProgress).finally(() => catchUp.stop());
            if (signer.latest === undefined || signer.treeSize > signer.latest.treeSize) await signer.checkpointNow();
          }
          const output = options.out ? fs.createWriteStream(options.out) : process.stdout;
          const bar = progressReporter('export');
          try {
            const summary = await exportBundle(store, selection, { publicKey, output, onProgress: bar.onProgress });
            bar.stop();
            printError(`exported ${summary.eventCount} event(s) of ${summary.streamCount} stream(s), ${summary.lineCount} lines${options.out ? ` to ${options.out}` : ''}`);
            printError(`  anchored on checkpoint ${describeCheckpoint(summary.checkpoint)}`);
            if (summary.eventsAfterCheckpoint > 0) printError(`  ${summary.eventsAfterCheckpoint} selected event(s) after that checkpoint were left out`);
          } finally {
            bar.stop();
            if (output !== process.stdout) {
              (output as fs.WriteStream).end();
              await finished(output as fs.WriteStream);
            }
          }
        });
      }),
    );
}
