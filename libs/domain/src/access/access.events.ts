/**
 * Stream `access-<agencyId>`: what the agency's officers were shown. Reading is recorded as well as
 * writing, so an auditor can tell who saw which case or clue, when, and through which operation.
 * These events never change any agency's view of cases, clues or agreements.
 */

export const ACCESSED_ENTITY_TYPES = ['CASE', 'CLUE'] as const;
export type AccessedEntityType = (typeof ACCESSED_ENTITY_TYPES)[number];

export interface AccessedEntity {
  type: AccessedEntityType;
  id: string;
}

/** One API operation's answer to one officer: the cases and clues it contained. */
export interface EntitiesAccessed {
  type: 'EntitiesAccessed';
  data: {
    agencyId: string;
    officerId: string;
    /** `query`, `mutation` or `subscription`. */
    operationType: string;
    /** The operation name the client gave, or null for an anonymous operation. */
    operationName: string | null;
    /** The root fields of the operation that returned the entities, e.g. `cases`. */
    rootFields: string[];
    /** When the answer was produced (ISO-8601, UTC); also the event's occurredAt. */
    accessedAt: string;
    /** Each entity once, in the order first returned. */
    entities: AccessedEntity[];
  };
}

export type AccessEvent = EntitiesAccessed;

export const ACCESS_EVENT_TYPES = ['EntitiesAccessed'] as const satisfies readonly AccessEvent['type'][];

/** The stream holding an agency's access log. */
export function accessStreamName(agencyId: string): string {
  return `access-${agencyId}`;
}
