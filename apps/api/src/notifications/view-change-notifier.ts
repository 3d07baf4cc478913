import type { EventStore, RecordedEvent, Subscription } from '@ledger/event-store';
import type { Logger, PubSub } from '@ledger/platform';
import type { CaseView, ProjectionProgress, ViewReader } from '@ledger/projections';
import { type CaseShareChangeNotice, type ClueReceivedNotice, caseShareChangedTopic, clueReceivedTopic } from './topics';

/** The events after which some agency's inbox or shared cases may have changed. */
const WATCHED_EVENT_TYPES = ['ClueSubmitted', 'CaseShared', 'ShareRevoked', 'AgreementSuspended', 'AgreementTerminated', 'AgreementResumed'];
const WAIT_SLICE_MS = 5000;
const RETRY_DELAY_MS = 1000;

/**
 * Publishes live notifications from the projector's output. It follows the events that can change
 * what an agency receives, waits until the projector has applied each one, then asks the views of
 * the agencies concerned what they now see, and publishes to those agencies' own topics only:
 * - `clueReceived:<agency>` when a submitted clue is in the agency's inbox;
 * - `caseShareChanged:<agency>` when a case is now visible to the agency after a share or a
 *   resumed agreement (SHARED), or no longer visible after a revocation or a suspended or
 *   terminated agreement (REVOKED).
 * It works the same with the projector in this process or in another one. Notifications are live
 * only: what happens while no one is subscribed is not replayed; an agreement's expiry by date,
 * which no event marks, is not notified.
 */
export class ViewChangeNotifier {
  private running = false;
  private loop: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private position = 0;

  constructor(
    private readonly store: EventStore,
    private readonly views: ViewReader,
    private readonly progress: ProjectionProgress,
    private readonly pubsub: PubSub,
    private readonly logger: Logger,
  ) {}

  /** Starts following from the store's current head. */
  async start(): Promise<void> {
    if (this.running) return;
    this.position = await this.store.headPosition();
    this.running = true;
    this.loop = this.follow();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.subscription?.stop();
    await this.loop;
  }

  private async follow(): Promise<void> {
    while (this.running) {
      try {
        this.subscription = this.store.subscribeToAll({ fromPosition: this.position + 1, filter: { eventTypes: WATCHED_EVENT_TYPES } });
        for await (const event of this.subscription) {
          if (!(await this.untilProjected(event.globalPosition))) break;
          await this.notify(event);
          this.position = event.globalPosition;
        }
      } catch (error) {
        if (!this.running) break;
        this.logger.error({ err: error, position: this.position }, 'live notifications interrupted; resuming');
        await this.subscription?.stop().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
  }

  /** Waits (as long as it takes, while running) until the views include `position`. */
  private async untilProjected(position: number): Promise<boolean> {
    while (this.running) {
      if (await this.progress.waitFor(position, WAIT_SLICE_MS)) return true;
    }
    return false;
  }

  private async notify(event: RecordedEvent): Promise<void> {
    const data = event.data as Record<string, unknown>;
    switch (event.type) {
      case 'ClueSubmitted':
        for (const recipient of data.recipientAgencyIds as string[]) await this.clueArrived(recipient, data.clueId as string, event.recordedAt);
        return;
      case 'CaseShared':
        await this.caseAccessChanged(data.recipientAgencyId as string, data.caseId as string, 'SHARED', event.recordedAt);
        return;
      case 'ShareRevoked':
        await this.caseAccessChanged(data.recipientAgencyId as string, data.caseId as string, 'REVOKED', event.recordedAt);
        return;
      case 'AgreementResumed':
        await this.agreementChanged(data.agreementId as string, event.actor.agencyId, 'SHARED', event.recordedAt);
        return;
      case 'AgreementSuspended':
      case 'AgreementTerminated':
        await this.agreementChanged(data.agreementId as string, event.actor.agencyId, 'REVOKED', event.recordedAt);
        return;
    }
  }

  private async clueArrived(recipientAgencyId: string, clueId: string, at: string): Promise<void> {
    const clue = await this.views.forAgency(recipientAgencyId).clue(clueId);
    if (clue?.box !== 'INBOX') return;
    this.pubsub.publish<ClueReceivedNotice>(clueReceivedTopic(recipientAgencyId), { clueId, at });
  }

  /** Tells the recipient of the change its view shows: the case now visible (SHARED) or gone (REVOKED). */
  private async caseAccessChanged(recipientAgencyId: string, caseId: string, change: CaseShareChangeNotice['change'], at: string): Promise<void> {
    const seen = await this.views.forAgency(recipientAgencyId).case(caseId);
    const visible = seen !== null && seen.viewerRole === 'RECIPIENT';
    if (visible !== (change === 'SHARED')) return;
    this.pubsub.publish<CaseShareChangeNotice>(caseShareChangedTopic(recipientAgencyId), { caseId, change, at });
  }

  /** Every recipient of a case shared under the agreement gains or loses it. */
  private async agreementChanged(agreementId: string, actingAgencyId: string, change: CaseShareChangeNotice['change'], at: string): Promise<void> {
    const agreement = await this.views.forAgency(actingAgencyId).agreement(agreementId);
    if (agreement === null) return;
    for (const party of agreement.parties) {
      for await (const owned of this.ownedCases(party.agencyId)) {
        for (const share of owned.shares) {
          if (share.agreementId === agreementId && !share.revoked) await this.caseAccessChanged(share.recipientAgencyId, owned.caseId, change, at);
        }
      }
    }
  }

  private async *ownedCases(agencyId: string): AsyncGenerator<CaseView> {
    const reader = this.views.forAgency(agencyId);
    let after: string | null = null;
    for (;;) {
      const page = await reader.cases({ ownerAgencyId: agencyId }, { first: 100, after });
      yield* page.items;
      if (!page.hasNextPage) return;
      after = page.endCursor;
    }
  }
}
