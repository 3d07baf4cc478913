import { AgencyMembership } from '@ledger/audit';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import { redactPersonalFields } from '@ledger/projections';
import { type Viewer, hasRole } from '@ledger/platform';
import { ApiError } from '../api-errors';

/** Every audit query needs the role AUDITOR; nobody else may read the raw ledger. */
export function requireAuditor(viewer: Viewer): void {
  if (!hasRole(viewer, 'AUDITOR')) throw new ApiError('FORBIDDEN', 'audit queries need the role AUDITOR', 'audit.auditor-role');
}

/** The one answer for anything outside an auditor's scope, whether or not it exists. */
export function outOfScope(what: string): ApiError {
  return new ApiError('FORBIDDEN', `${what} is outside your audit scope`, 'audit.scope');
}

/**
 * Which streams each agency took part in, decided from the events exactly as an agency's audit
 * bundle is (`AgencyMembership` of @ledger/audit). Taking part is for ever once it happened, so each
 * agency's membership is kept and only the events appended since the last question are read.
 */
export class ParticipationIndex {
  private readonly agencies = new Map<string, { membership: AgencyMembership; position: number; queue: Promise<unknown> }>();

  constructor(
    private readonly store: EventStore,
    private readonly pageSize = 1000,
  ) {}

  /** The agency's membership, caught up with the log as it is now. */
  async membershipOf(agencyId: string): Promise<AgencyMembership> {
    let entry = this.agencies.get(agencyId);
    if (entry === undefined) {
      entry = { membership: new AgencyMembership(agencyId), position: 0, queue: Promise.resolve() };
      this.agencies.set(agencyId, entry);
    }
    const current = entry;
    // One catch-up at a time per agency: each event is observed once, in global order.
    const caughtUp = current.queue.then(() => this.catchUp(current));
    current.queue = caughtUp.catch(() => undefined);
    await caughtUp;
    return current.membership;
  }

  private async catchUp(entry: { membership: AgencyMembership; position: number }): Promise<void> {
    const head = await this.store.headPosition();
    while (entry.position < head) {
      const page = await this.store.readAll({ fromPosition: entry.position + 1, limit: this.pageSize });
      if (page.length === 0) return;
      for (const event of page) {
        if (event.globalPosition > head) return;
        entry.membership.observe(event);
        entry.position = event.globalPosition;
      }
    }
  }
}

/**
 * What one auditor may look at: with scope ALL everything; with scope OWN its own agency, and the
 * streams its agency took part in.
 */
export class AuditorScope {
  constructor(
    readonly viewer: Viewer,
    private readonly participation: ParticipationIndex,
  ) {}

  get coversEverything(): boolean {
    return this.viewer.auditScope === 'ALL';
  }

  async includesStream(stream: string): Promise<boolean> {
    if (this.coversEverything) return true;
    return (await this.participation.membershipOf(this.viewer.agencyId)).includes(stream);
  }

  /** FORBIDDEN unless the stream is in scope; said the same way whether or not it exists. */
  async requireStream(stream: string): Promise<void> {
    if (!(await this.includesStream(stream))) throw outOfScope(`stream ${stream}`);
  }

  /** An agency's own records (its view, its access log): an OWN auditor's own agency only. */
  requireAgency(agencyId: string): void {
    if (!this.coversEverything && agencyId !== this.viewer.agencyId) throw outOfScope(`agency ${agencyId}`);
  }
}

/** The agency a stream belongs to, from its first event: the case owner, the clue sender, the agency itself. */
export async function owningAgencyOf(store: EventStore, stream: string): Promise<string | null> {
  const [first] = await store.readStream(stream, { from: 0, limit: 1 });
  const data = (first?.data ?? {}) as { ownerAgencyId?: unknown; senderAgencyId?: unknown; agencyId?: unknown };
  const owner = data.ownerAgencyId ?? data.senderAgencyId ?? (stream.startsWith('agency-') || stream.startsWith('access-') ? data.agencyId : undefined);
  return typeof owner === 'string' ? owner : null;
}

/**
 * What an auditor is shown of a stream's events. An OWN-scope auditor audits what its agency did,
 * not what other agencies hold: in a stream another agency owns (a case shared with it, a clue it
 * received) every personal field is shown redacted, whatever the share allowed — its investigators'
 * views already show what they received. The hash-chain check runs on the stored events before this.
 */
export async function eventsAsAuditorSees<T extends RecordedEvent>(scope: AuditorScope, store: EventStore, stream: string, events: T[]): Promise<T[]> {
  if (scope.coversEverything || events.length === 0) return events;
  if ((await owningAgencyOf(store, stream)) === scope.viewer.agencyId) return events;
  return events.map((event) => ({ ...event, data: redactPersonalFields(event.data, new Set()) }));
}
