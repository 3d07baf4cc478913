/**
 * Runs domain commands in memory the way the command handlers do — resolve the context from the
 * other aggregates, decide, evolve — and turns the decided events into appends for a real store.
 * Lets tests and generators write valid ledgers without a server.
 */
import type { AppendContext, EventStore, ExpectedRevision, NewEvent } from '@ledger/event-store/event-store.port';
import type { AgencyCommand } from '@ledger/domain/agency/agency.commands';
import { decideAgency } from '@ledger/domain/agency/agency.decide';
import { type AgencyState, evolveAgency, initialAgencyState } from '@ledger/domain/agency/agency.state';
import type { AgreementCommand } from '@ledger/domain/agreement/agreement.commands';
import { decideAgreement } from '@ledger/domain/agreement/agreement.decide';
import { type AgreementState, evolveAgreement, initialAgreementState } from '@ledger/domain/agreement/agreement.state';
import type { CaseCommand } from '@ledger/domain/case/case.commands';
import { decideCase } from '@ledger/domain/case/case.decide';
import type { CaseEvent } from '@ledger/domain/case/case.events';
import { type CaseState, evolveCase, initialCaseState } from '@ledger/domain/case/case.state';
import type { AcceptClue, ClueCommand } from '@ledger/domain/clue/clue.commands';
import { decideClue, decideClueAcceptance } from '@ledger/domain/clue/clue.decide';
import type { ClueEvent } from '@ledger/domain/clue/clue.events';
import { type ClueState, evolveClue, initialClueState } from '@ledger/domain/clue/clue.state';
import type { Actor } from '@ledger/domain/shared/actor';
import { isDomainError } from '@ledger/domain/shared/errors';

/** One append: the events of one command on one stream. */
export interface PlannedAppend {
  stream: string;
  events: NewEvent[];
  expectedRevision: ExpectedRevision;
  context: AppendContext;
}

export type LedgerCommand = AgencyCommand | AgreementCommand | CaseCommand | ClueCommand;

const AGENCY_COMMANDS = new Set(['BootstrapLedger', 'RegisterAgency', 'ChangeAgencyMandates', 'RegisterOfficer', 'ChangeOfficerRoles', 'SuspendOfficer', 'ReinstateOfficer']);
const AGREEMENT_COMMANDS = new Set(['ProposeAgreement', 'SignAgreement', 'SuspendAgreement', 'ResumeAgreement', 'TerminateAgreement']);
const CASE_COMMANDS = new Set(['OpenCase', 'RecordPerson', 'RecordRoute', 'RecordOrganisation', 'RecordMoneyFlow', 'AddNote', 'ShareCase', 'RevokeShare', 'DeclareJointInvestigation', 'CloseCase']);

export class DomainDriver {
  /** The simulated time commands are decided (and events occur) at, in ms since the epoch. */
  clock: number;
  private readonly revisions = new Map<string, number>();
  private readonly agencies = new Map<string, AgencyState>();
  private readonly agreements = new Map<string, AgreementState>();
  private readonly cases = new Map<string, CaseState>();
  private readonly clues = new Map<string, ClueState>();
  private empty = true;

  constructor(
    startAt: string | Date,
    private readonly newCommandId: () => string,
  ) {
    this.clock = new Date(startAt).getTime();
    if (Number.isNaN(this.clock)) throw new Error('startAt must be an ISO-8601 date-time');
  }

  now(): Date {
    return new Date(this.clock);
  }

  agency(id: string): AgencyState {
    return this.agencies.get(id) ?? initialAgencyState();
  }
  agreement(id: string): AgreementState {
    return this.agreements.get(id) ?? initialAgreementState();
  }
  caseState(id: string): CaseState {
    return this.cases.get(id) ?? initialCaseState();
  }
  clue(id: string): ClueState {
    return this.clues.get(id) ?? initialClueState();
  }
  agreementIds(): string[] {
    return [...this.agreements.keys()];
  }

  /** Decides `command` against the current states; throws the DomainError of a refused command. */
  execute(command: LedgerCommand): PlannedAppend[] {
    const now = this.now();
    if (AGENCY_COMMANDS.has(command.type)) {
      const c = command as AgencyCommand;
      const id = c.data.agencyId;
      const events = decideAgency(c, this.agency(id), { now, ledgerIsEmpty: this.empty });
      this.agencies.set(id, events.reduce(evolveAgency, this.agency(id)));
      return this.appendsFor(`agency-${id}`, events, c.actor);
    }
    if (AGREEMENT_COMMANDS.has(command.type)) {
      const c = command as AgreementCommand;
      const id = c.data.agreementId;
      const parties = c.type === 'ProposeAgreement' ? Object.fromEntries(c.data.parties.map((party) => [party, this.agency(party)])) : undefined;
      const events = decideAgreement(c, this.agreement(id), { now, parties });
      this.agreements.set(id, events.reduce(evolveAgreement, this.agreement(id)));
      return this.appendsFor(`agreement-${id}`, events, c.actor);
    }
    if (CASE_COMMANDS.has(command.type)) {
      const c = command as CaseCommand;
      const id = c.data.caseId;
      const context =
        c.type === 'ShareCase'
          ? { now, agreement: this.agreement(c.data.agreementId), recipients: Object.fromEntries(c.data.recipientAgencyIds.map((r) => [r, this.agency(r)])) }
          : { now };
      const events = decideCase(c, this.caseState(id), context);
      this.cases.set(id, events.reduce(evolveCase, this.caseState(id)));
      return this.appendsFor(`case-${id}`, events, c.actor);
    }
    const c = command as ClueCommand;
    if (c.type === 'AcceptClue') return this.acceptClue(c);
    const id = c.data.clueId;
    const context =
      c.type === 'SubmitClue'
        ? {
            now,
            agreements: Object.fromEntries(Object.values(c.data.agreementIds).map((a) => [a, this.agreement(a)])),
            recipients: Object.fromEntries(c.data.recipientAgencyIds.map((r) => [r, this.agency(r)])),
            ...(c.data.senderCaseId !== undefined ? { senderCase: this.caseState(c.data.senderCaseId) } : {}),
          }
        : { now };
    const events = decideClue(c, this.clue(id), context);
    this.clues.set(id, events.reduce(evolveClue, this.clue(id)));
    return this.appendsFor(`clue-${id}`, events, c.actor);
  }

  /** Like `execute`, but a refused command yields no appends instead of an error. */
  tryExecute(command: LedgerCommand): PlannedAppend[] | null {
    try {
      return this.execute(command);
    } catch (error) {
      if (isDomainError(error)) return null;
      throw error;
    }
  }

  /** Accepting may open the linked case first (two streams, decided together). */
  private acceptClue(command: AcceptClue): PlannedAppend[] {
    const clueId = command.data.clueId;
    const caseId = command.data.caseId ?? (command.data.newCase as { caseId: string }).caseId;
    const { caseEvents, clueEvents } = decideClueAcceptance(command, this.clue(clueId), this.caseState(caseId), { now: this.now() });
    const appends: PlannedAppend[] = [];
    if (caseEvents.length > 0) {
      this.cases.set(caseId, caseEvents.reduce(evolveCase, this.caseState(caseId)));
      appends.push(...this.appendsFor(`case-${caseId}`, caseEvents as CaseEvent[], command.actor));
    }
    this.clues.set(clueId, clueEvents.reduce(evolveClue, this.clue(clueId)));
    appends.push(...this.appendsFor(`clue-${clueId}`, clueEvents as ClueEvent[], command.actor));
    return appends;
  }

  private appendsFor(stream: string, events: Array<{ type: string; data: unknown }>, actor: Actor): PlannedAppend[] {
    if (events.length === 0) return [];
    this.empty = false;
    const revision = this.revisions.get(stream);
    const occurredAt = this.now().toISOString();
    const commandId = this.newCommandId();
    this.revisions.set(stream, (revision ?? -1) + events.length);
    return [
      {
        stream,
        events: events.map((event) => ({ type: event.type, data: event.data, occurredAt })),
        expectedRevision: revision === undefined ? 'no_stream' : revision,
        context: { actor: { officerId: actor.officerId, agencyId: actor.agencyId }, commandId, correlationId: commandId },
      },
    ];
  }
}

/** Appends planned appends to a store in order; returns the global position of the last event. */
export async function appendAll(store: EventStore, appends: readonly PlannedAppend[]): Promise<number> {
  let position = 0;
  for (const append of appends) {
    const result = await store.append(append.stream, append.events, append.expectedRevision, append.context);
    position = result.positions[result.positions.length - 1]?.globalPosition ?? position;
  }
  return position;
}
