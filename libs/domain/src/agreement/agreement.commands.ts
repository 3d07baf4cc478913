import type { DomainCommand, DecisionContext } from '../shared/command';
import type { AgencyState } from '../agency/agency.state';
import type { CaseKind, DataCategory, Tlp } from '../shared/vocabulary';

export interface AgreementTerms {
  agreementId: string;
  title: string;
  /** Every party, the proposer's agency included; at least two distinct. */
  parties: string[];
  scope: CaseKind[];
  categories: DataCategory[];
  maxTlp: Tlp;
  /** YYYY-MM-DD (UTC), inclusive. */
  validFrom: string;
  validUntil: string;
}

export type ProposeAgreement = DomainCommand<'ProposeAgreement', AgreementTerms>;
export type SignAgreement = DomainCommand<'SignAgreement', { agreementId: string }>;
export type SuspendAgreement = DomainCommand<'SuspendAgreement', { agreementId: string; reason: string }>;
export type ResumeAgreement = DomainCommand<'ResumeAgreement', { agreementId: string }>;
export type TerminateAgreement = DomainCommand<'TerminateAgreement', { agreementId: string; reason: string }>;

export type AgreementCommand = ProposeAgreement | SignAgreement | SuspendAgreement | ResumeAgreement | TerminateAgreement;

export interface AgreementDecisionContext extends DecisionContext {
  /** For ProposeAgreement: the state of every named party (the handler folds each agency stream). */
  parties?: Record<string, AgencyState>;
}
