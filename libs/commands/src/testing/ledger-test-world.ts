import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type EventStore, openEventStore } from '@ledger/event-store';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { CommandsModule, type CommandsModuleOptions } from '../commands.module';
import type { ActorClaim, LedgerCommand } from '../messages/ledger-command';

type CommandClass<I, R> = new (input: I, metadata: any) => LedgerCommand<I, R, any>;

/**
 * A real ledger for tests: a fresh SQLite event-store file, the CommandsModule in a Nest
 * application context, and a short way to send commands through the CommandBus.
 */
export class LedgerTestWorld {
  private constructor(
    readonly store: EventStore,
    readonly app: INestApplicationContext,
    readonly bus: CommandBus,
    /** The SQLite file of the event store. */
    readonly file: string,
    /** The directory this world created and removes on close; undefined when sharing another's file. */
    private readonly ownedDirectory: string | undefined,
  ) {}

  /**
   * `interpose` puts a layer between the handlers and the real store (e.g. to fail one append);
   * `sameFileAs` opens a second, independent ledger process view on another world's file.
   */
  static async open(
    options: Omit<CommandsModuleOptions, 'eventStore'> & { interpose?: (store: EventStore) => EventStore; sameFileAs?: LedgerTestWorld } = {},
  ): Promise<LedgerTestWorld> {
    const { interpose, sameFileAs, ...moduleOptions } = options;
    const directory = sameFileAs ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-commands-'));
    const file = sameFileAs ? sameFileAs.file : path.join(directory as string, 'ledger.db');
    const store = await openEventStore(`sqlite:${file}`);
    const used = interpose ? interpose(store) : store;
    const app = await NestFactory.createApplicationContext(CommandsModule.forRoot({ ...moduleOptions, eventStore: { useValue: used } }), { logger: false });
    await app.init();
    return new LedgerTestWorld(store, app, app.get(CommandBus), file, directory);
  }

  /** Sends a command as `actor` (or as the ledger itself when `actor` is null); a fresh command id unless given. */
  send<I, R>(Command: CommandClass<I, R>, input: I, actor: ActorClaim | null, commandId: string = randomUUID()): Promise<R> {
    const metadata = actor ? { commandId, actor } : { commandId };
    return this.bus.execute(new Command(input, metadata)) as Promise<R>;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.store.close();
    if (this.ownedDirectory) fs.rmSync(this.ownedDirectory, { recursive: true, force: true });
  }
}
