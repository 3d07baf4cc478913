/**
 * Subscription topics are per agency: a subscriber listens only to its own agency's topic, and
 * only the publisher, which has checked that agency's view, decides what goes into it.
 */
export const clueReceivedTopic = (agencyId: string): string => `clueReceived:${agencyId}`;
export const caseShareChangedTopic = (agencyId: string): string => `caseShareChanged:${agencyId}`;

/** A clue entered the agency's inbox. */
export interface ClueReceivedNotice {
  clueId: string;
  at: string;
}

/** A case entered (SHARED: shared, re-shared with other categories, or its agreement resumed) or left (REVOKED) the agency's view. */
export interface CaseShareChangeNotice {
  caseId: string;
  change: 'SHARED' | 'REVOKED';
  at: string;
}
