import type { CallOptions, ClientReadableStream, Metadata } from '@grpc/grpc-js';
import { convertToCommandError, type EventStoreDBClient } from '@eventstore/db-client';
import { Empty, UUID } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EsdbRecord } from './envelope-codec';
import type { ServerFilter } from './ledger-filter';

/**
 * A $all read with a server-side filter.
 *
 * The server has served filtered, non-subscription $all reads in both directions since
 * EventStoreDB 21.10, but `@eventstore/db-client` 6.2.1's `readAll` has no filter parameter. So
 * this module sends the Streams.Read request itself — through the client's own gRPC channel and
 * call arguments (`GRPCStreamCreator`, `callArguments`, the client's protected extension points),
 * which keeps the connection, TLS, cluster discovery, credentials and reconnect-on-failure
 * handling of the client — and converts the answers itself.
 */

/** The protected members of the client this module relies on (stable across 6.x). */
interface ClientChannelAccess {
  GRPCStreamCreator<T>(Client: typeof StreamsClient, debugName: string, creator: (client: StreamsClient) => T): () => Promise<T>;
  callArguments(baseOptions: Record<string, never>, callOptions?: CallOptions): [Metadata, CallOptions];
}

export interface FilteredAllRead {
  direction: 'forwards' | 'backwards';
  /** A record's commit position (forwards: inclusive; backwards: exclusive), or an end of the log. */
  from: 'start' | 'end' | bigint;
  maxCount: number;
  /** Undefined: no server-side filter. */
  filter: ServerFilter | undefined;
}

export async function* readAllFiltered(client: EventStoreDBClient, read: FilteredAllRead): AsyncGenerator<EsdbRecord> {
  const access = client as unknown as ClientChannelAccess;
  const request = buildRequest(read);
  const open = access.GRPCStreamCreator(StreamsClient, 'readAllFiltered', (grpcClient): ClientReadableStream<ReadResp> =>
    grpcClient.read(request, ...access.callArguments({}, { deadline: Infinity })),
  );
  let stream: ClientReadableStream<ReadResp>;
  try {
    stream = await open();
  } catch (error) {
    throw convertToCommandError(error as Error);
  }
  let finished = false;
  try {
    for await (const response of stream as AsyncIterable<ReadResp>) {
      const readEvent = response.getEvent();
      if (readEvent) yield toRecord(readEvent);
    }
    finished = true;
  } catch (error) {
    throw convertToCommandError(error as Error);
  } finally {
    if (!finished) stream.cancel();
  }
}

function buildRequest(read: FilteredAllRead): ReadReq {
  const options = new ReadReq.Options();
  const all = new ReadReq.Options.AllOptions();
  if (read.from === 'start') all.setStart(new Empty());
  else if (read.from === 'end') all.setEnd(new Empty());
  else {
    const position = new ReadReq.Options.Position();
    position.setCommitPosition(read.from.toString());
    position.setPreparePosition(read.from.toString());
    all.setPosition(position);
  }
  options.setAll(all);
  options.setReadDirection(read.direction === 'forwards' ? ReadReq.Options.ReadDirection.FORWARDS : ReadReq.Options.ReadDirection.BACKWARDS);
  options.setResolveLinks(false);
  options.setCount(String(read.maxCount));
  const uuidOption = new ReadReq.Options.UUIDOption();
  uuidOption.setString(new Empty());
  options.setUuidOption(uuidOption);
  if (read.filter) {
    const expression = new ReadReq.Options.FilterOptions.Expression();
    expression.setRegex(read.filter.regex);
    const filter = new ReadReq.Options.FilterOptions();
    if (read.filter.on === 'stream') filter.setStreamIdentifier(expression);
    else filter.setEventType(expression);
    filter.setCount(new Empty());
    filter.setCheckpointintervalmultiplier(1);
    options.setFilter(filter);
  } else {
    options.setNoFilter(new Empty());
  }
  const request = new ReadReq();
  request.setOptions(options);
  return request;
}

function toRecord(readEvent: ReadResp.ReadEvent): EsdbRecord {
  const event = readEvent.getEvent();
  if (!event) throw new Error('EventStoreDB sent a read event without a record');
  const metadataMap = event.getMetadataMap();
  const streamId = Buffer.from(event.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
  const id = uuidString(event.getId());
  const isJson = metadataMap.get('content-type') === 'application/json';
  const data = event.getData_asU8();
  const metadata = event.getCustomMetadata_asU8();
  return {
    streamId,
    id,
    revision: BigInt(event.getStreamRevision()),
    type: metadataMap.get('type') ?? '',
    data: isJson ? parseJson(data) : data,
    metadata: metadata.length ? parseJson(metadata) : undefined,
    position: { commit: BigInt(event.getCommitPosition()), prepare: BigInt(event.getPreparePosition()) },
  };
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch {
    return bytes;
  }
}

function uuidString(uuid: UUID | undefined): string {
  if (!uuid) return '';
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured()!;
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
