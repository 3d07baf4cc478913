import type { CaseKind, CaseStatus, DataCategory, Markings } from '../shared/vocabulary';
import type { CaseEvent, CaseFactEvent } from './case.events';

export interface CaseShare {
  agreementId: string;
  categories: DataCategory[];
}

export interface ExistingCase {
  exists: true;
  caseId: string;
  ownerAgencyId: string;
  kind: CaseKind;
  title: string;
  summary: string;
  markings: Markings;
  status: CaseStatus;
  openedForClueId?: string;
  /** Current shares by recipient agency; a revoked share is removed. */
  shares: Record<string, CaseShare>;
  /** Partners named when the joint investigation was declared. */
  jointPartners: string[];
  /** Every fact id recorded in the case, with the event that recorded it. */
  factIds: Record<string, CaseFactEvent['type']>;
}

export type CaseState = { exists: false } | ExistingCase;

export function initialCaseState(): CaseState {
  return { exists: false };
}

/** The fact id an event records, or undefined for events that record no fact. */
export function factIdOf(event: CaseEvent): string | undefined {
  switch (event.type) {
    case 'PersonRecorded':
      return event.data.personId;
    case 'RouteRecorded':
      return event.data.routeId;
    case 'OrganisationRecorded':
      return event.data.organisationId;
    case 'MoneyFlowRecorded':
      return event.data.flowId;
    case 'NoteAdded':
      return event.data.noteId;
    default:
      return undefined;
  }
}

/** Folds one event of stream `case-<id>`; pure, never mutates `state`. */
export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') {
    const d = event.data;
    const opened: ExistingCase = {
      exists: true,
      caseId: d.caseId,
      ownerAgencyId: d.ownerAgencyId,
      kind: d.kind,
      title: d.title,
      summary: d.summary,
      markings: d.markings,
      status: 'OPEN',
      shares: {},
      jointPartners: [],
      factIds: {},
    };
    return d.openedForClueId === undefined ? opened : { ...opened, openedForClueId: d.openedForClueId };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'PersonRecorded':
    case 'RouteRecorded':
    case 'OrganisationRecorded':
    case 'MoneyFlowRecorded':
    case 'NoteAdded':
      return { ...state, factIds: { ...state.factIds, [factIdOf(event) as string]: event.type } };
    case 'CaseShared': {
      const { recipientAgencyId, agreementId, categories } = event.data;
      return { ...state, shares: { ...state.shares, [recipientAgencyId]: { agreementId, categories: [...categories] } } };
    }
    case 'ShareRevoked': {
      const shares = { ...state.shares };
      delete shares[event.data.recipientAgencyId];
      return { ...state, shares };
    }
    case 'JointInvestigationDeclared':
      return { ...state, status: 'JOINT', jointPartners: [...event.data.partnerAgencyIds] };
    case 'CaseClosed':
      return { ...state, status: 'CLOSED' };
    default:
      return state;
  }
}
