import { CommandsModule } from '@ledger/commands';
import type { EventStore } from '@ledger/event-store';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { Command } from 'commander';
import { seedDemoWorld } from '../../../api/src/seed/seed-demo-world';
import { type LedgerOption, print, runAction, withLedger } from './cli-context';

/** `seed`: the demo world, through the real command handlers, on an empty ledger (or to complete an interrupted seed). */
export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('seed the demo world (agencies, officers, agreements, cases, clues) through the command handlers; on an empty ledger, or to complete an interrupted seed')
    .option('--store <url>', 'event store URL (default LEDGER_EVENT_STORE)')
    .action(
      runAction(async (options: LedgerOption) => {
        await withLedger(options, async (runtime) => {
          const result = await withCommandBus(runtime.store, (bus) => seedDemoWorld(bus));
          if (!(await runtime.catchUp(120_000))) throw new Error('the demo world is recorded but the views did not catch up');
          print(
            result.alreadyRecorded === result.commands
              ? `the demo world was already seeded (${result.commands} commands, nothing written)`
              : `seeded the demo world: ${result.commands - result.alreadyRecorded} commands applied, ${result.alreadyRecorded} already recorded; tokens: ledger token --officer <id>`,
          );
        });
      }),
    );
}

/** The command handlers over `store`, in a Nest application context of their own. */
async function withCommandBus<T>(store: EventStore, work: (bus: CommandBus) => Promise<T>): Promise<T> {
  const context = await NestFactory.createApplicationContext(CommandsModule.forRoot({ eventStore: { useValue: store } }), { logger: false });
  try {
    await context.init();
    return await work(context.get(CommandBus));
  } finally {
    await context.close();
  }
}
