import { ACCESS_EVENT_TYPES, accessStreamName, type AccessedEntityType, type EntitiesAccessed } from '@ledger/domain/access/access.events';
import type { EventStore, RecordedEvent } from '@ledger/event-store';

/** What to look for in the access log; null means "any". */
export interface AccessLogCriteria {
  /** The reading agency; null: every agency's access log. */
  agencyId: string | null;
  officerId: string | null;
  entityType: AccessedEntityType | null;
  entityId: string | null;
  /** Epoch milliseconds, inclusive. */
  from: number | null;
  to: number | null;
}

/** One case or clue shown to one officer by one API operation. */
export interface AccessLogEntry {
  accessedAt: string;
  agencyId: string;
  officerId: string;
  entityType: AccessedEntityType;
  entityId: string;
  operationType: string;
  operationName: string | null;
  rootFields: string[];
  eventId: string;
  globalPosition: number;
}

/** Where an entry sits: its access event's global position and the entity's index in that event. */
export interface AccessLogCursor {
  position: number;
  index: number;
}

export interface AccessLogPage {
  entries: Array<{ cursor: AccessLogCursor; entry: AccessLogEntry }>;
  hasNextPage: boolean;
}

const SCAN_PAGE = 500;

/**
 * Reads the access events (streams `access-<agency>`, written by the API's access-log buffer) in
 * global order after `after`, and returns the first `first` entries matching the criteria. The
 * log is read up to its head at the start, so a scan ends even while reads keep being recorded.
 */
export async function readAccessLog(store: EventStore, criteria: AccessLogCriteria, first: number, after: AccessLogCursor | null): Promise<AccessLogPage> {
  const head = await store.headPosition();
  const stream = criteria.agencyId === null ? null : accessStreamName(criteria.agencyId);
  const filter = { eventTypes: [...ACCESS_EVENT_TYPES], streamPrefixes: [stream ?? accessStreamName('')] };
  const entries: AccessLogPage['entries'] = [];
  let position = after?.position ?? 1;
  while (position <= head) {
    const events = await store.readAll({ fromPosition: position, limit: SCAN_PAGE, filter });
    if (events.length === 0) break;
    for (const event of events) {
      if (event.globalPosition > head) return { entries, hasNextPage: false };
      // The prefix `access-fr` also selects `access-fr-ocreth`: keep the agency's own stream only.
      if (stream !== null && event.stream !== stream) continue;
      for (const found of matches(event, criteria)) {
        if (after !== null && event.globalPosition === after.position && found.cursor.index <= after.index) continue;
        if (entries.length === first) return { entries, hasNextPage: true };
        entries.push(found);
      }
    }
    position = events[events.length - 1].globalPosition + 1;
  }
  return { entries, hasNextPage: false };
}

function matches(event: RecordedEvent, criteria: AccessLogCriteria): AccessLogPage['entries'] {
  const data = event.data as EntitiesAccessed['data'];
  if (criteria.officerId !== null && data.officerId !== criteria.officerId) return [];
  const accessedAt = Date.parse(data.accessedAt);
  if (criteria.from !== null && accessedAt < criteria.from) return [];
  if (criteria.to !== null && accessedAt > criteria.to) return [];
  const found: AccessLogPage['entries'] = [];
  data.entities.forEach((entity, index) => {
    if (criteria.entityType !== null && entity.type !== criteria.entityType) return;
    if (criteria.entityId !== null && entity.id !== criteria.entityId) return;
    found.push({
      cursor: { position: event.globalPosition, index },
      entry: {
        accessedAt: data.accessedAt,
        agencyId: data.agencyId,
        officerId: data.officerId,
        entityType: entity.type,
        entityId: entity.id,
        operationType: data.operationType,
        operationName: data.operationName,
        rootFields: data.rootFields,
        eventId: event.eventId,
        globalPosition: event.globalPosition,
      },
    });
  });
  return found;
}

/** Opaque to clients: `<position>.<index>` in base64url. */
export function encodeAccessCursor(cursor: AccessLogCursor): string {
  return Buffer.from(`${cursor.position}.${cursor.index}`).toString('base64url');
}

/** The cursor, or null when `text` is not one this server handed out. */
export function decodeAccessCursor(text: string): AccessLogCursor | null {
  const match = /^(\d{1,16})\.(\d{1,6})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (match === null) return null;
  const cursor = { position: Number(match[1]), index: Number(match[2]) };
  return Number.isSafeInteger(cursor.position) && cursor.position >= 1 ? cursor : null;
}
