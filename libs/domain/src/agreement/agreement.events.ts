import type { CaseKind, DataCategory, Tlp } from '../shared/vocabulary';

/** Stream `agreement-<agreementId>`: a bilateral or multilateral sharing agreement (MoU). */

export interface AgreementProposed {
  type: 'AgreementProposed';
  data: {
    agreementId: string;
    title: string;
    /** Every party, the proposer's agency included; at least two. */
    parties: string[];
    scope: CaseKind[];
    categories: DataCategory[];
    /** Highest dissemination marking a case shared under it may carry. */
    maxTlp: Tlp;
    /** Calendar dates (YYYY-MM-DD, UTC), inclusive. */
    validFrom: string;
    validUntil: string;
    proposedByAgencyId: string;
  };
}
export interface AgreementSigned {
  type: 'AgreementSigned';
  data: { agreementId: string; agencyId: string };
}
/** Emitted together with the last party's signature. */
export interface AgreementActivated {
  type: 'AgreementActivated';
  data: { agreementId: string };
}
export interface AgreementSuspended {
  type: 'AgreementSuspended';
  data: { agreementId: string; byAgencyId: string; reason: string };
}
export interface AgreementResumed {
  type: 'AgreementResumed';
  data: { agreementId: string; byAgencyId: string };
}
export interface AgreementTerminated {
  type: 'AgreementTerminated';
  data: { agreementId: string; byAgencyId: string; reason: string };
}

export type AgreementEvent = AgreementProposed | AgreementSigned | AgreementActivated | AgreementSuspended | AgreementResumed | AgreementTerminated;
