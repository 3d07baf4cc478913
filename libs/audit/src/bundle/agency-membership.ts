import type { RecordedEvent } from '@ledger/event-store/event-store.port';

/**
 * Which streams an agency took part in, decided from the events themselves as the log is read:
 * its own agency stream; any stream where one of its officers acted; agreements naming it as a
 * party; cases it owns, that were shared with it or name it as a joint-investigation partner;
 * clues it sent or received. A stream, once joined, stays joined (its whole history is relevant).
 */
export class AgencyMembership {
  private readonly streams = new Set<string>();

  constructor(readonly agencyId: string) {}

  observe(event: RecordedEvent): void {
    if (!this.streams.has(event.stream) && this.takesPart(event)) this.streams.add(event.stream);
  }

  includes(stream: string): boolean {
    return this.streams.has(stream);
  }

  /** Member streams, in the order they were joined. */
  members(): string[] {
    return [...this.streams];
  }

  private takesPart(event: RecordedEvent): boolean {
    const id = this.agencyId;
    if (event.stream === `agency-${id}` || event.actor.agencyId === id) return true;
    const data = (event.data ?? {}) as Record<string, unknown>;
    switch (event.type) {
      case 'AgreementProposed':
        return listIncludes(data.parties, id);
      case 'CaseOpened':
        return data.ownerAgencyId === id;
      case 'CaseShared':
        return data.recipientAgencyId === id;
      case 'JointInvestigationDeclared':
        return listIncludes(data.partnerAgencyIds, id);
      case 'ClueSubmitted':
        return data.senderAgencyId === id || listIncludes(data.recipientAgencyIds, id);
      default:
        return false;
    }
  }
}

function listIncludes(value: unknown, id: string): boolean {
  return Array.isArray(value) && value.includes(id);
}
