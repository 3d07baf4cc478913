import type { EventStore } from '@ledger/event-store';
import { type DynamicModule, type InjectionToken, Module, type ModuleMetadata, type Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { type CommandExecutionOptions, CommandRunner } from './execution/command-runner';
import { OfficerDirectory } from './execution/officer-directory';
import { AGENCY_HANDLERS } from './handlers/agency.handlers';
import { AGREEMENT_HANDLERS } from './handlers/agreement.handlers';
import { CASE_HANDLERS } from './handlers/case.handlers';
import { CLUE_HANDLERS } from './handlers/clue.handlers';
import { CLOCK, type Clock, COMMAND_EXECUTION_OPTIONS, EVENT_STORE, systemClock } from './tokens';

/** Every command handler of the ledger. */
export const COMMAND_HANDLERS = [...AGENCY_HANDLERS, ...AGREEMENT_HANDLERS, ...CASE_HANDLERS, ...CLUE_HANDLERS];

/** How the module gets its EventStore: a value, a factory, or another provider's token. */
export type EventStoreSource =
  | { useValue: EventStore }
  | { useFactory: (...args: any[]) => EventStore | Promise<EventStore>; inject?: InjectionToken[] }
  | { useExisting: InjectionToken };

export interface CommandsModuleOptions {
  eventStore: EventStoreSource;
  /** Modules that provide what `eventStore` injects. */
  imports?: ModuleMetadata['imports'];
  clock?: Clock;
  execution?: CommandExecutionOptions;
}

/**
 * The command side: CqrsModule plus one handler per command. The API imports
 * `CommandsModule.forRoot({ eventStore: { useValue: store } })` and dispatches commands with the CommandBus.
 */
@Module({})
export class CommandsModule {
  static forRoot(options: CommandsModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: EVENT_STORE, ...options.eventStore } as Provider,
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      { provide: COMMAND_EXECUTION_OPTIONS, useValue: options.execution ?? {} },
      OfficerDirectory,
      CommandRunner,
      ...COMMAND_HANDLERS,
    ];
    return {
      module: CommandsModule,
      imports: [CqrsModule.forRoot(), ...(options.imports ?? [])],
      providers,
      exports: [EVENT_STORE, OfficerDirectory, CqrsModule],
    };
  }
}
