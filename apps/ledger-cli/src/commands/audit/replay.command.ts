import type { Command } from 'commander';
import { formatTimeline, replayStream } from '@ledger/audit';
import { auditContext, print, runAction, withStore, type StoreOption } from './audit-context';

interface ReplayOptions extends StoreOption {
  stream: string;
  data?: boolean;
  json?: boolean;
}

/** `replay --stream <name>`: a stream's history as a readable timeline, each hash-chain link checked. */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('show a stream\'s history: time, revision, type, actor and key fields of every event')
    .requiredOption('--stream <name>', 'the stream to replay, e.g. case-42')
    .option('--data', 'also print each event\'s full data (may contain personal data)')
    .option('--json', 'print the timeline as JSON')
    .option('--store <url>', 'event store URL (default LEDGER_EVENT_STORE)')
    .action(
      runAction(async (options: ReplayOptions) => {
        const entries = await withStore(auditContext(options), (store) => replayStream(store, options.stream));
        print(options.json ? JSON.stringify(entries, null, 2) : formatTimeline(options.stream, entries, { showData: options.data }));
        if (entries.some((entry) => entry.chainProblem !== null)) process.exitCode = 1;
      }),
    );
}
