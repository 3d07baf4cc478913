import * as fs from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { CheckpointService, exportBundle, type BundleSelection, type LedgerSigningKey } from '@ledger/audit';
import type { EventStore } from '@ledger/event-store';
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
    .option('--no-checkpoint', 'do not sign a fresh checkpoint first (selected events after the latest one are then left out)')
    .option('--public-key <file>', 'the ledger public key (PEM), when the signing key is not at hand (implies --no-checkpoint; the bundle is then not sealed)')
    .option('--store <url>', 'event store URL (default LEDGER_EVENT_STORE)')
    .action(
      runAction(async (options: ExportOptions) => {
        if ((options.agency === undefined) === (options.stream === undefined)) throw new Error('give exactly one of --agency <id> or --stream <name>');
        const selection = { ...(options.agency !== undefined ? { agencyId: options.agency } : { stream: options.stream! }), fromPosition: options.from, toPosition: options.to } as BundleSelection;
        const context = auditContext(options);
        // With the signing key the bundle is sealed, and a fresh checkpoint can cover everything committed so far.
        const key = options.publicKey === undefined ? signingKey(context) : { publicKey: verificationKey(context, options.publicKey) };

        await withStore(context, async (store) => {
          if (options.checkpoint && 'privateKey' in key) await checkpointUncoveredEvents(store, key, context.audit.checkpointInterval);
          const target = options.out ? new BundleFile(options.out) : undefined;
          const bar = progressReporter('export');
          try {
            const summary = await exportBundle(store, selection, { key, output: target?.stream ?? process.stdout, onProgress: bar.onProgress });
            await target?.commit();
            bar.stop();
            printError(`exported ${summary.eventCount} event(s) of ${summary.streamCount} stream(s), ${summary.lineCount} lines${options.out ? ` to ${options.out}` : ''}`);
            printError(`  anchored on checkpoint ${describeCheckpoint(summary.checkpoint)}`);
            if (!summary.sealed) printError('  not sealed: exported without the signing key, so verify-bundle needs --allow-unsealed');
            if (summary.eventsAfterCheckpoint > 0) printError(`  ${summary.eventsAfterCheckpoint} selected event(s) after that checkpoint were left out`);
          } catch (error) {
            await target?.discard();
            throw error;
          } finally {
            bar.stop();
          }
        });
      }),
    );
}

/** Signs a checkpoint when events other than the latest checkpoint's own event follow it. */
async function checkpointUncoveredEvents(store: EventStore, key: LedgerSigningKey, interval: number): Promise<void> {
  const signer = new CheckpointService(store, key, { interval });
  const bar = progressReporter('checkpoint');
  await signer.catchUp(bar.onProgress).finally(() => bar.stop());
  if (signer.latest === undefined || signer.treeSize > signer.latest.treeSize + 1) await signer.checkpointNow();
}

/** The bundle is written to a temporary file and renamed only when complete: never a half-written bundle. */
class BundleFile {
  private readonly temporary: string;
  readonly stream: fs.WriteStream;
  constructor(private readonly file: string) {
    this.temporary = `${file}.${process.pid}.partial`;
    // Opened synchronously, so a bad path fails here with a clear error before any work.
    this.stream = fs.createWriteStream(this.temporary, { fd: fs.openSync(this.temporary, 'w') });
    this.stream.on('error', () => undefined); // surfaced by the pending write or by commit()
  }
  async commit(): Promise<void> {
    this.stream.end();
    await finished(this.stream);
    fs.renameSync(this.temporary, this.file);
  }
  async discard(): Promise<void> {
    this.stream.destroy();
    fs.rmSync(this.temporary, { force: true });
  }
}
