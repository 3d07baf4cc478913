import { InvalidStreamNameError } from './errors';

/** `<aggregate>-<id>`: a lowercase aggregate name, a dash, then an id of letters, digits and `._:-`. */
const STREAM_NAME = /^[a-z][a-z0-9]*-[A-Za-z0-9][A-Za-z0-9._:-]*$/;
export const MAX_STREAM_NAME_LENGTH = 200;

export function assertValidStreamName(stream: unknown): asserts stream is string {
  if (typeof stream !== 'string' || stream.length === 0) {
    throw new InvalidStreamNameError(String(stream), 'must be a non-empty string');
  }
  if (stream.length > MAX_STREAM_NAME_LENGTH) {
    throw new InvalidStreamNameError(stream, `must be at most ${MAX_STREAM_NAME_LENGTH} characters`);
  }
  if (!STREAM_NAME.test(stream)) {
    throw new InvalidStreamNameError(stream, 'must match <aggregate>-<id> (lowercase aggregate, then letters, digits, ".", "_", ":" or "-")');
  }
}

/** The aggregate part of a stream name: `case-42` → `case`. */
export function aggregateOf(stream: string): string {
  return stream.slice(0, stream.indexOf('-'));
}
