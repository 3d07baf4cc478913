import type { AgreementStatus, CaseKind, DataCategory, Tlp } from '../shared/vocabulary';
import type { AgreementEvent } from './agreement.events';

export interface ExistingAgreement {
  exists: true;
  agreementId: string;
  title: string;
  parties: string[];
  scope: CaseKind[];
  categories: DataCategory[];
  maxTlp: Tlp;
  validFrom: string;
  validUntil: string;
  proposedByAgencyId: string;
  status: AgreementStatus;
  /** Parties that signed, in signing order. */
  signatures: string[];
}

export type AgreementState = { exists: false } | ExistingAgreement;

export function initialAgreementState(): AgreementState {
  return { exists: false };
}

/** Folds one event of stream `agreement-<id>`; pure, never mutates `state`. */
export function evolveAgreement(state: AgreementState, event: AgreementEvent): AgreementState {
  if (event.type === 'AgreementProposed') {
    const d = event.data;
    return {
      exists: true,
      agreementId: d.agreementId,
      title: d.title,
      parties: [...d.parties],
      scope: [...d.scope],
      categories: [...d.categories],
      maxTlp: d.maxTlp,
      validFrom: d.validFrom,
      validUntil: d.validUntil,
      proposedByAgencyId: d.proposedByAgencyId,
      status: 'PROPOSED',
      signatures: [],
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'AgreementSigned':
      return { ...state, signatures: [...state.signatures, event.data.agencyId] };
    case 'AgreementActivated':
    case 'AgreementResumed':
      return { ...state, status: 'ACTIVE' };
    case 'AgreementSuspended':
      return { ...state, status: 'SUSPENDED' };
    case 'AgreementTerminated':
      return { ...state, status: 'TERMINATED' };
    default:
      return state;
  }
}
