import { UnavailableError } from '../errors/ledger-errors';
import { AuthError } from './auth-error';
import type { TokenClaims, TokenService } from './token-service';
import type { OfficerLookup, OfficerRecord, Viewer } from './viewer';

export interface Authentication {
  viewer: Viewer;
  claims: TokenClaims;
}

const BEARER = /^Bearer[ ]+([^\s]+)[ ]*$/i;

/**
 * Turns an `Authorization` header into a Viewer. The token is only a claim: the officer must
 * exist in the ledger, belong to the agency the token names, and not be suspended; roles and
 * audit scope come from the ledger, never from the token.
 *
 * Every failure is an AuthError (UNAUTHENTICATED) with a reason; an unreachable read store or
 * identity provider is an UnavailableError (STORE_UNAVAILABLE), so an outage never looks like a
 * bad token.
 */
export class ViewerResolver {
  constructor(
    private readonly tokens: TokenService,
    private readonly officers: OfficerLookup,
  ) {}

  async resolveViewer(authorization: string | null | undefined): Promise<Viewer> {
    return (await this.authenticate(authorization)).viewer;
  }

  async authenticate(authorization: string | null | undefined): Promise<Authentication> {
    const claims = await this.tokens.verify(bearerTokenOf(authorization));
    const viewer = await this.viewerFor(claims.officerId, claims.agencyId);
    return { viewer, claims };
  }

  /** Checks again that a viewer established earlier is still an active officer of the same agency. */
  async recheck(viewer: Viewer): Promise<Viewer> {
    return this.viewerFor(viewer.officerId, viewer.agencyId);
  }

  private async viewerFor(officerId: string, claimedAgencyId: string): Promise<Viewer> {
    let officer: OfficerRecord | null;
    try {
      officer = await this.officers.findOfficer(officerId, claimedAgencyId);
      // Not an officer of the claimed agency: say whether the id belongs to another one (for the log).
      const elsewhere = officer === null ? await this.officers.findOfficer(officerId) : null;
      if (elsewhere !== null) throw new AuthError('AGENCY_MISMATCH', `officer ${officerId} of ${elsewhere.agencyId} claimed ${claimedAgencyId}`);
    } catch (error) {
      if (error instanceof AuthError) throw error;
      throw new UnavailableError('Cannot verify the officer: the ledger read store is unavailable; retry later', 'READ_STORE_UNAVAILABLE', error);
    }
    if (officer === null) throw new AuthError('UNKNOWN_OFFICER', `officer ${officerId}`);
    // Defence in depth: a lookup that ignored the agency must still not let a claim cross agencies.
    if (officer.agencyId !== claimedAgencyId) {
      throw new AuthError('AGENCY_MISMATCH', `officer ${officerId} of ${officer.agencyId} claimed ${claimedAgencyId}`);
    }
    if (officer.suspended) throw new AuthError('OFFICER_SUSPENDED', `officer ${officerId}`);
    return { officerId: officer.officerId, agencyId: officer.agencyId, roles: [...officer.roles], auditScope: officer.auditScope };
  }
}

/** Extracts the token of `Bearer <token>`; the scheme is case-insensitive (RFC 7235). */
export function bearerTokenOf(authorization: string | null | undefined): string {
  if (authorization === undefined || authorization === null || authorization.trim() === '') throw new AuthError('MISSING_TOKEN');
  const match = BEARER.exec(authorization);
  if (match === null) throw new AuthError('MALFORMED_TOKEN', 'Authorization header is not "Bearer <token>"');
  return match[1] as string;
}
