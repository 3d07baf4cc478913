import { progress } from '@ledger/platform';
import { openReadModel, readModelUrlFor, rebuild } from '@ledger/projections';
import { openEventStore } from '@ledger/event-store';
import type { Command } from 'commander';
import { cliConfig, type LedgerOption, print, runAction } from './cli-context';

/** `rebuild`: every agency's views again, from event 0. */
export function registerRebuildCommand(program: Command): void {
  program
    .command('rebuild')
    .description('drop every view and project the whole ledger again from event 0 (stop the API and the projector first: readers see empty views until it completes)')
    .option('--store <url>', 'event store URL (default LEDGER_EVENT_STORE)')
    .action(
      runAction(async (options: LedgerOption) => {
        const config = cliConfig(options);
        const store = await openEventStore(config.eventStore.url);
        try {
          const readModel = await openReadModel(readModelUrlFor(config.eventStore.url));
          try {
            const head = await store.headPosition();
            const bar = progress('rebuilding the views', head);
            const result = await rebuild(store, readModel, (report) => bar.update(report.position, report.head)).finally(() => bar.stop());
            const skipped = result.skipped.length === 0 ? '' : `; ${result.skipped.length} events skipped (see the first: ${JSON.stringify(result.skipped[0])})`;
            print(`rebuilt the views from ${result.events} events up to position ${result.position} in ${(result.elapsedMs / 1000).toFixed(1)} s (${Math.round(result.eventsPerSecond)} events/s)${skipped}`);
          } finally {
            await readModel.close();
          }
        } finally {
          await store.close();
        }
      }),
    );
}
