/**
 * TEST DOUBLE — never shipped, never used outside tests.
 *
 * EventStoreDB's `event_store.client.streams.Streams` gRPC service (Append and Read) served over
 * the in-memory log of `esdb-log.ts`, using the message classes and service definition that
 * `@eventstore/db-client` itself ships, so the unmodified client talks to it over a real socket.
 * Read covers stream reads, $all reads (filtered or not, both directions) and $all subscriptions
 * (catch-up, then live). Delete, Tombstone and BatchAppend are not served: a server without the
 * ServerFeatures service makes the client fall back to plain Append.
 */
import * as grpc from '@grpc/grpc-js';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import {
  AllFilter,
  AllFrom,
  EsdbLog,
  ExpectedState,
  InvalidPositionError,
  MaxAppendSizeExceededError,
  matchesFilter,
  ProposedEvent,
  StoredEvent,
} from './esdb-log';

type ReadCall = grpc.ServerWritableStream<ReadReq, ReadResp>;

/** Live $all subscriptions; the double force-closes them when it stops. */
export class SubscriptionRegistry {
  private readonly live = new Set<ReadCall>();
  private opened = 0;
  add(call: ReadCall): void {
    this.live.add(call);
    this.opened += 1;
  }
  /** Subscriptions opened since the double was created, across restarts. */
  get totalOpened(): number {
    return this.opened;
  }
  delete(call: ReadCall): void {
    this.live.delete(call);
  }
  get size(): number {
    return this.live.size;
  }
}

export function streamsServiceImplementation(log: EsdbLog, subscriptions: SubscriptionRegistry): grpc.UntypedServiceImplementation {
  return {
    append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) =>
      handleAppend(log, call, callback),
    read: (call: ReadCall) => handleRead(log, subscriptions, call),
  };
}

export { StreamsService };

function handleAppend(log: EsdbLog, call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>): void {
  let options: AppendReq.Options | undefined;
  const proposed: ProposedEvent[] = [];
  let failed = false;
  const fail = (error: Partial<grpc.StatusObject>) => {
    if (failed) return;
    failed = true;
    callback(error, null);
  };
  call.on('data', (request: AppendReq) => {
    if (request.hasOptions()) {
      options = request.getOptions();
      return;
    }
    const message = request.getProposedMessage();
    if (!message) return;
    const metadata = message.getMetadataMap();
    const type = metadata.get('type');
    const contentType = metadata.get('content-type');
    if (!type || !contentType) {
      fail(rpcError(grpc.status.INVALID_ARGUMENT, 'Required metadata properties are missing', {
        exception: 'missing-required-metadata-property',
        'required-metadata-properties': 'type,content-type',
      }));
      return;
    }
    try {
      proposed.push({
        eventId: parseUuid(message.getId()),
        type,
        contentType,
        data: message.getData_asU8(),
        customMetadata: message.getCustomMetadata_asU8(),
      });
    } catch (error) {
      fail(error as Partial<grpc.StatusObject>);
    }
  });
  call.on('error', () => {
    failed = true; // the client went away; nothing is written
  });
  call.on('end', () => {
    if (failed) return;
    if (!options) return fail(rpcError(grpc.status.INVALID_ARGUMENT, 'Append request without options'));
    const expected = expectedState(options);
    let outcome;
    try {
      outcome = log.append(streamName(options.getStreamIdentifier()), expected, proposed);
    } catch (error) {
      if (error instanceof MaxAppendSizeExceededError) {
        return fail(rpcError(grpc.status.INVALID_ARGUMENT, error.message, {
          exception: 'maximum-append-size-exceeded',
          'maximum-append-size': String(error.maxAppendSize),
        }));
      }
      return fail('code' in (error as object) ? (error as Partial<grpc.StatusObject>) : rpcError(grpc.status.INTERNAL, (error as Error).message));
    }
    const response = new AppendResp();
    if (outcome.result === 'wrong_expected_version') {
      const wrong = new AppendResp.WrongExpectedVersion();
      if (outcome.currentRevision === 'no_stream') wrong.setCurrentNoStream(new Empty());
      else wrong.setCurrentRevision(outcome.currentRevision.toString());
      switch (expected.kind) {
        case 'revision':
          wrong.setExpectedRevision(expected.revision.toString());
          break;
        case 'no_stream':
          wrong.setExpectedNoStream(new Empty());
          break;
        case 'stream_exists':
          wrong.setExpectedStreamExists(new Empty());
          break;
        case 'any':
          wrong.setExpectedAny(new Empty());
          break;
      }
      response.setWrongExpectedVersion(wrong);
    } else {
      const success = new AppendResp.Success();
      if (outcome.currentRevision < 0n) success.setNoStream(new Empty());
      else success.setCurrentRevision(outcome.currentRevision.toString());
      const position = new AppendResp.Position();
      position.setCommitPosition(outcome.position.toString());
      position.setPreparePosition(outcome.position.toString());
      success.setPosition(position);
      response.setSuccess(success);
    }
    callback(null, response);
  });
}

function expectedState(options: AppendReq.Options): ExpectedState {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) };
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return { kind: 'no_stream' };
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
}

function handleRead(log: EsdbLog, subscriptions: SubscriptionRegistry, call: ReadCall): void {
  const options = call.request.getOptions();
  if (!options) {
    call.emit('error', rpcError(grpc.status.INVALID_ARGUMENT, 'Read request without options'));
    return;
  }
  const direction = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS ? 'backwards' : 'forwards';
  const isSubscription = options.getCountOptionCase() === ReadReq.Options.CountOptionCase.SUBSCRIPTION;
  const count = options.hasCount() ? BigInt(options.getCount()) : 0n;
  try {
    const filter = allFilter(options);
    if (options.getStreamOptionCase() === ReadReq.Options.StreamOptionCase.STREAM) {
      if (isSubscription) throw rpcError(grpc.status.UNIMPLEMENTED, 'Stream subscriptions are not served by the test double');
      const streamOptions = options.getStream()!;
      const stream = streamName(streamOptions.getStreamIdentifier());
      if (!log.streamExists(stream)) {
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(streamOptions.getStreamIdentifier());
        const response = new ReadResp();
        response.setStreamNotFound(notFound);
        writeAll(call, [response]);
        return;
      }
      const from = streamOptions.hasStart() ? 'start' : streamOptions.hasEnd() ? 'end' : BigInt(streamOptions.getRevision());
      writeAll(call, log.readStream(stream, direction, from, count).map(eventResponse));
      return;
    }
    const allOptions = options.getAll()!;
    const from = allFrom(log, allOptions);
    if (isSubscription) {
      subscribe(log, subscriptions, call, from, filter);
      return;
    }
    writeAll(call, log.readAll(direction, from, count, filter).map(eventResponse));
  } catch (error) {
    if (error instanceof InvalidPositionError) {
      call.emit('error', rpcError(grpc.status.INVALID_ARGUMENT, error.message, { exception: 'invalid-position' }));
      return;
    }
    call.emit('error', error);
  }
}

function allFrom(log: EsdbLog, allOptions: ReadReq.Options.AllOptions): AllFrom {
  if (allOptions.hasStart()) return 'start';
  if (allOptions.hasEnd()) return 'end';
  const position = allOptions.getPosition()!;
  const commit = BigInt(position.getCommitPosition());
  log.assertValidPosition(commit, BigInt(position.getPreparePosition()));
  return commit;
}

function allFilter(options: ReadReq.Options): AllFilter | undefined {
  if (!options.hasFilter()) return undefined;
  const filterOptions = options.getFilter()!;
  const on = filterOptions.hasEventType() ? 'event_type' : 'stream';
  const expression = filterOptions.hasEventType() ? filterOptions.getEventType()! : filterOptions.getStreamIdentifier()!;
  const regex = expression.getRegex();
  return regex ? { on, regex: new RegExp(regex) } : { on, prefixes: expression.getPrefixList() };
}

/**
 * A catch-up subscription: events strictly after `from` ('start': all), then live ones as they
 * are written. Writes respect the transport's back-pressure.
 */
function subscribe(log: EsdbLog, subscriptions: SubscriptionRegistry, call: ReadCall, from: AllFrom, filter: AllFilter | undefined): void {
  let cursor: 'start' | bigint = from === 'end' ? log.lastPosition() : from;
  let waitingForDrain = false;
  let closed = false;
  const confirmation = new ReadResp();
  const confirmed = new ReadResp.SubscriptionConfirmation();
  confirmed.setSubscriptionId(crypto.randomUUID());
  confirmation.setConfirmation(confirmed);
  call.write(confirmation);

  const pump = () => {
    if (closed || waitingForDrain) return;
    for (let next = log.firstEventAfter(cursor); next && !closed; next = log.firstEventAfter(cursor)) {
      cursor = next.logPosition;
      if (!matchesFilter(next, filter)) continue;
      if (!call.write(eventResponse(next))) {
        waitingForDrain = true;
        call.once('drain', () => {
          waitingForDrain = false;
          pump();
        });
        return;
      }
    }
  };
  const unsubscribe = log.onAppend(pump);
  subscriptions.add(call);
  const close = () => {
    closed = true;
    unsubscribe();
    subscriptions.delete(call);
  };
  call.on('cancelled', close);
  call.on('close', close);
  call.on('error', close);
  pump();
}

function writeAll(call: ReadCall, responses: ReadResp[]): void {
  let index = 0;
  const writeMore = () => {
    while (index < responses.length) {
      if (!call.write(responses[index++])) {
        call.once('drain', writeMore);
        return;
      }
    }
    call.end();
  };
  writeMore();
}

function eventResponse(event: StoredEvent): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  id.setString(event.eventId);
  recorded.setId(id);
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(event.stream, 'utf8'));
  recorded.setStreamIdentifier(identifier);
  recorded.setStreamRevision(event.revision.toString());
  recorded.setCommitPosition(event.logPosition.toString());
  recorded.setPreparePosition(event.logPosition.toString());
  recorded.getMetadataMap().set('type', event.type);
  recorded.getMetadataMap().set('content-type', event.contentType);
  recorded.getMetadataMap().set('created', event.createdTicks.toString());
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.customMetadata);
  const readEvent = new ReadResp.ReadEvent();
  readEvent.setEvent(recorded);
  readEvent.setCommitPosition(event.logPosition.toString());
  const response = new ReadResp();
  response.setEvent(readEvent);
  return response;
}

function streamName(identifier: StreamIdentifier | undefined): string {
  if (!identifier) throw rpcError(grpc.status.INVALID_ARGUMENT, 'Missing stream identifier');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

function parseUuid(uuid: UUID | undefined): string {
  if (!uuid) throw rpcError(grpc.status.INVALID_ARGUMENT, 'Missing event id');
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured()!;
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A gRPC error carrying EventStoreDB's `exception` trailers, which the client maps to its error classes. */
export function rpcError(code: grpc.status, details: string, trailers: Record<string, string> = {}): Partial<grpc.StatusObject> & Error {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}
