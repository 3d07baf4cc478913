import { type Actor, type AgencyEvent, agencyDecider, type AgencyState, agencyStreamName, resolveActor } from '@ledger/domain';
import { type EventStore } from '@ledger/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '../tokens';
import type { ActorClaim } from '../messages/ledger-command';

interface CachedAgency {
  state: AgencyState;
  revision: number;
}

/**
 * Agency states (mandates, officers, roles, suspensions) as the ledger records them. Each look-up
 * reads the agency stream's tail from the store, so it is as current as a full read; the cache only
 * saves re-reading and re-folding what was already folded.
 */
@Injectable()
export class OfficerDirectory {
  private readonly cache = new Map<string, CachedAgency>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async agencyState(agencyId: string): Promise<AgencyState> {
    const cached = this.cache.get(agencyId);
    const from = cached ? cached.revision + 1 : 0;
    const tail = await this.store.readStream(agencyStreamName(agencyId), { from });
    if (tail.length === 0) return cached ? cached.state : agencyDecider.initialState();
    const base = cached ? cached.state : agencyDecider.initialState();
    const state = (tail as unknown as AgencyEvent[]).reduce(agencyDecider.evolve, base);
    const revision = tail[tail.length - 1].revision;
    // Concurrent look-ups may finish out of order: keep the furthest one.
    const current = this.cache.get(agencyId);
    if (!current || current.revision < revision) this.cache.set(agencyId, { state, revision });
    return state;
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
