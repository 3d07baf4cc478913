/**
 * Every way verification can find the ledger wrong. Each names a kind of tampering or damage:
 *
 * | kind                           | what it means                                                                  |
 * |--------------------------------|--------------------------------------------------------------------------------|
 * | CONTENT_ALTERED                | an event's content no longer matches its stored hash (e.g. one payload byte)   |
 * | CHAIN_BROKEN                   | previousHash is not the hash of the stream's previous revision                 |
 * | EVENT_MISSING                  | a revision of a stream is absent (deleted)                                     |
 * | EVENTS_REORDERED               | a revision is stored after a later one (events swapped)                        |
 * | DUPLICATE_REVISION             | a revision appears twice (a forged copy)                                       |
 * | CHECKPOINT_MALFORMED           | a checkpoint event is not a well-formed signed checkpoint                      |
 * | CHECKPOINT_UNKNOWN_KEY         | a checkpoint is signed by a key the verifier does not trust                    |
 * | CHECKPOINT_SIGNATURE_INVALID   | a checkpoint's signature does not match its content (edited, not re-signed)    |
 * | CHECKPOINT_TREE_SIZE_MISMATCH  | the log holds more or fewer events up to the checkpoint's position than signed |
 * | CHECKPOINT_ROOT_MISMATCH       | the events up to the checkpoint's position are not those that were signed     |
 * | CHECKPOINTS_INCONSISTENT       | a checkpoint does not extend the previous one                                  |
 * | TAIL_TRUNCATED                 | a trusted checkpoint covers more events than the log now holds                 |
 * | TRUSTED_CHECKPOINT_MISMATCH    | the log's prefix differs from the one a trusted checkpoint signed (a fork)     |
 */
export const PROBLEM_KINDS = [
  'CONTENT_ALTERED',
  'CHAIN_BROKEN',
  'EVENT_MISSING',
  'EVENTS_REORDERED',
  'DUPLICATE_REVISION',
  'CHECKPOINT_MALFORMED',
  'CHECKPOINT_UNKNOWN_KEY',
  'CHECKPOINT_SIGNATURE_INVALID',
  'CHECKPOINT_TREE_SIZE_MISMATCH',
  'CHECKPOINT_ROOT_MISMATCH',
  'CHECKPOINTS_INCONSISTENT',
  'TAIL_TRUNCATED',
  'TRUSTED_CHECKPOINT_MISMATCH',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface IntegrityProblem {
  kind: ProblemKind;
  /** The stream and revision at fault (for a checkpoint problem: the checkpoint's own event). */
  stream?: string;
  revision?: number;
  /** Global position where the problem showed. */
  position?: number;
  message: string;
}
