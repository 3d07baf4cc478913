import { type Actor, agencyDecider, type AgencyState, agencyStreamName, resolveActor } from '@ledger/domain';
import { type EventStore } from '@ledger/event-store';
import { Inject, Injectable } from '@nestjs/common';
import type { ActorClaim } from '../messages/ledger-command';
import { EVENT_STORE } from '../tokens';
import { StreamStateCache } from './stream-loader';

/**
 * Agency states (mandates, officers, roles, suspensions) as the ledger records them. Each look-up
 * reads what the agency stream gained since the cached state, so it is as current as a full read.
 */
@Injectable()
export class OfficerDirectory {
  private readonly agencies = new StreamStateCache(2_000);

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async agencyState(agencyId: string): Promise<AgencyState> {
    return (await this.agencies.load(this.store, agencyStreamName(agencyId), agencyDecider)).state;
  }

  async agencyStates(agencyIds: readonly string[]): Promise<Record<string, AgencyState>> {
    const unique = [...new Set(agencyIds)];
    const states = await Promise.all(unique.map((agencyId) => this.agencyState(agencyId)));
    return Object.fromEntries(unique.map((agencyId, index) => [agencyId, states[index]]));
  }

  /** The acting officer with roles from the ledger; FORBIDDEN if unknown, of another agency, or suspended. */
  async resolve(claim: ActorClaim): Promise<Actor> {
    return resolveActor(await this.agencyState(claim.agencyId), claim);
  }
}
