import { INFORMATION_CREDIBILITY } from '@ledger/domain/shared/vocabulary';

/**
 * GraphQL enum values whose names differ from the ledger's values: the 4×4 information grades are
 * `1`–`4` in the ledger, which GraphQL cannot name. Every other enum uses the ledger's values as is.
 */
const CREDIBILITY_NAMES = ['NOT_IN_DOUBT', 'KNOWN_TO_SOURCE', 'CORROBORATED', 'NOT_CORROBORATED'] as const;

export const enumResolvers = {
  InformationCredibility: Object.fromEntries(CREDIBILITY_NAMES.map((name, index) => [name, INFORMATION_CREDIBILITY[index]])),
};
