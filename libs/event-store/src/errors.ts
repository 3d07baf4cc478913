import type { ExpectedRevision } from './event-store.port';

/** Base of every error the event store port raises; `code` is stable and meant for callers and APIs. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Optimistic concurrency: the stream is not at the revision the appender expected. */
export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

export class InvalidStreamNameError extends EventStoreError {
  readonly code = 'INVALID_STREAM_NAME';
  constructor(
    readonly stream: string,
    readonly rule: string,
  ) {
    super(`invalid stream name ${JSON.stringify(stream)}: ${rule}`);
  }
}

export class EventTooLargeError extends EventStoreError {
  readonly code = 'EVENT_TOO_LARGE';
  constructor(
    readonly eventType: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`event ${eventType} is ${sizeBytes} bytes; the limit is ${limitBytes} bytes`);
  }
}

export class InvalidEventError extends EventStoreError {
  readonly code = 'INVALID_EVENT';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`invalid event: ${field} ${rule}`);
  }
}

/** The backing store cannot be reached or failed; the operation may be retried later. */
export class StoreUnavailableError extends EventStoreError {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(message: string, cause?: unknown) {
    super(`event store unavailable: ${message}`, { cause });
  }
}

/** A read or subscribe option is out of range; names the option and the rule it breaks. */
export class InvalidOptionError extends EventStoreError {
  readonly code = 'INVALID_OPTION';
  constructor(
    readonly option: string,
    readonly rule: string,
  ) {
    super(`invalid option ${option}: ${rule}`);
  }
}

/** The event store location cannot be used: unknown scheme, malformed URL, or an adapter that is not available. */
export class EventStoreConfigError extends EventStoreError {
  readonly code = 'EVENT_STORE_CONFIG';
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}
