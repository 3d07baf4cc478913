import { type CheckpointService, startCheckpointSigner } from '@ledger/audit';
import { type EventStore, openEventStore } from '@ledger/event-store';
import { type LedgerConfig, type LedgerMetrics, type Logger, instrumentEventStore } from '@ledger/platform';
import {
  CheckpointFollower,
  OfficerDirectory,
  type ProjectionProgress,
  Projector,
  type ReadModel,
  ViewReader,
  openReadModel,
  readModelUrlFor,
} from '@ledger/projections';

export interface LedgerRuntimeOptions {
  config: LedgerConfig;
  logger: Logger;
  metrics?: LedgerMetrics;
  /** Run the projector in this process; otherwise follow the checkpoint a separate projector writes. */
  embeddedProjector: boolean;
}

/**
 * The ledger's moving parts one process needs: the event store, the read model with the views,
 * how far the views are (the in-process projector, or a follower of a separate projector's
 * checkpoint), the view reader and the officer directory. Opened and closed as one.
 */
export class LedgerRuntime {
  private constructor(
    readonly store: EventStore,
    readonly readModel: ReadModel,
    readonly progress: ProjectionProgress,
    readonly views: ViewReader,
    readonly officers: OfficerDirectory,
    readonly projector: Projector | null,
    /** Signs Merkle checkpoints every N events; runs where the projector runs (one signer per deployment). */
    readonly checkpoints: CheckpointService | null,
    private readonly logger: Logger,
  ) {}

  static async open(options: LedgerRuntimeOptions): Promise<LedgerRuntime> {
    const { config, logger, metrics } = options;
    const url = config.eventStore.url;
    const opened = await openEventStore(url, { logger: logger.child({ component: 'event-store' }) });
    const store = metrics ? instrumentEventStore(opened, metrics, config.eventStore.kind) : opened;
    let readModel: ReadModel;
    try {
      // Views live beside the events unless LEDGER_READ_MODEL says otherwise (e.g. EventStoreDB events, PostgreSQL views).
      readModel = await openReadModel(process.env.LEDGER_READ_MODEL?.trim() || readModelUrlFor(url));
    } catch (error) {
      await store.close();
      throw error;
    }
    let progress: ProjectionProgress;
    let projector: Projector | null = null;
    let checkpoints: CheckpointService | null = null;
    if (options.embeddedProjector) {
      projector = new Projector({ store, readModel, logger: logger.child({ component: 'projector' }) });
      await projector.start();
      progress = projector;
      checkpoints = await startCheckpointSigner(store, config, logger.child({ component: 'checkpoints' }));
    } else {
      const follower = new CheckpointFollower(readModel);
      await follower.refresh();
      progress = follower;
    }
    logger.info({ readModel: readModel.location, projector: options.embeddedProjector ? 'in-process' : 'separate process' }, 'ledger runtime opened');
    return new LedgerRuntime(store, readModel, progress, new ViewReader(readModel), new OfficerDirectory(readModel), projector, checkpoints, logger);
  }

  /** How far the views are behind the store, in global positions (events, on SQLite and PostgreSQL). */
  async lag(): Promise<number> {
    return Math.max(0, (await this.store.headPosition()) - this.progress.position());
  }

  /** Waits until the views include every event committed when this was called. */
  async catchUp(timeoutMs: number): Promise<boolean> {
    return this.progress.waitFor(await this.store.headPosition(), timeoutMs);
  }

  /** Stops checkpoint signing and the projector, then closes the read model and the store. */
  async close(): Promise<void> {
    await this.checkpoints?.stop();
    await this.projector?.stop();
    await this.readModel.close();
    await this.store.close();
    this.logger.info('ledger runtime closed');
  }
}
