import type { OfficerRef } from '../world/commands';

/** A GraphQL answer as it comes over HTTP. */
export interface GraphqlResponse {
  data?: Record<string, unknown> | null;
  errors?: GraphqlError[];
}

export interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; rule?: string; field?: string; [key: string]: unknown };
}

/**
 * What the property test needs of a running ledger: send a GraphQL operation with an officer's
 * bearer token, mint tokens, and the admin of an agency that exists before any world (who
 * registers each world's agencies).
 */
export interface LedgerApi {
  gql(token: string, query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse>;
  token(officer: OfficerRef): Promise<string>;
  registrar: OfficerRef;
}

export function errorCode(response: GraphqlResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

/** The UTC calendar date of an instant (milliseconds). */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
