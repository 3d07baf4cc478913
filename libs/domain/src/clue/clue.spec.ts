import type { AgreementEvent } from '../agreement/agreement.events';
import type { CaseEvent } from '../case/case.events';
import { evolveCase, initialCaseState } from '../case/case.state';
import { deciderSpec } from '../testing/decider-spec';
import { admin, agencyState, agreementState, AT, BG, CN, FR, investigator, liaison, markings, NOW } from '../testing/fixtures';
import { DomainError } from '../shared/errors';
import { CLUE_STATUSES, type ClueStatus, IDENTIFICATION_OUTCOMES, LEAD_OUTCOMES, type Tlp } from '../shared/vocabulary';
import type { ClueCommand, ClueDecisionContext, SubmitClue } from './clue.commands';
import type { ClueEvent, ClueSubmitted } from './clue.events';
import { evolveClue, initialClueState } from './clue.state';
import { clueStreamName } from './clue.stream';
import { CLUE_TRANSITIONS, clueDecider, decideClueAcceptance } from './index';

const CLUE = '5d7c2a10-8e4b-4f3a-b1c2-0a9e8d7f6c5b';
const CN_CASE = '7a1e4c2b-9d3f-4e5a-8b6c-1f2e3d4c5b6a';
const sender = investigator(FR);
const agreements = {
  'agr-fr-cn': agreementState({ agreementId: 'agr-fr-cn', parties: [FR, CN], maxTlp: 'AMBER_STRICT' }),
  'agr-fr-at': agreementState({ agreementId: 'agr-fr-at', parties: [FR, AT], maxTlp: 'RED' }),
  'agr-cn-at': agreementState({ agreementId: 'agr-cn-at', parties: [CN, AT] }),
};
const recipients = { [CN]: agencyState(CN), [AT]: agencyState(AT), [BG]: agencyState(BG) };
const context: ClueDecisionContext = { now: NOW, agreements, recipients };
const spec = deciderSpec(clueDecider, context);

function submit(data: Partial<SubmitClue['data']> = {}, by = sender): SubmitClue {
  return {
    type: 'SubmitClue',
    actor: by,
    data: {
      clueId: CLUE,
      recipientAgencyIds: [CN],
      agreementIds: { [CN]: 'agr-fr-cn' },
      kind: 'LEAD',
      subject: 'Recruiter active in Wenzhou',
      body: 'A recruiter offers nail-parlour jobs in Paris.',
      markings: markings('AMBER'),
      ...data,
    },
  };
}
const submitted = (overrides: Partial<ClueSubmitted['data']> = {}): ClueEvent => ({
  type: 'ClueSubmitted',
  data: {
    clueId: CLUE,
    senderAgencyId: FR,
    recipientAgencyIds: [CN],
    agreementIds: { [CN]: 'agr-fr-cn' },
    kind: 'LEAD',
    subject: 'Recruiter active in Wenzhou',
    body: 'A recruiter offers nail-parlour jobs in Paris.',
    markings: markings('AMBER'),
    ...overrides,
  },
});

describe('clue streams', () => {
  it('are named clue-<id>', () => expect(clueStreamName(CLUE)).toBe(`clue-${CLUE}`));
});

describe('SubmitClue', () => {
  it('records the clue with one agreement per recipient', () => {
    spec.given([]).when(submit()).then([submitted()]);
    spec
      .given([])
      .when(submit({ recipientAgencyIds: [CN, AT], agreementIds: { [AT]: 'agr-fr-at', [CN]: 'agr-fr-cn' } }, liaison(FR)))
      .then([submitted({ recipientAgencyIds: [CN, AT], agreementIds: { [CN]: 'agr-fr-cn', [AT]: 'agr-fr-at' } })]);
  });
  it('is for INVESTIGATORs and LIAISON_OFFICERs', () => {
    spec.given([]).when(submit({}, admin(FR))).thenThrows('FORBIDDEN', 'clue.by-investigator-or-liaison');
  });
  it('refuses a clue id already used', () => {
    spec.given([submitted()]).when(submit()).thenThrows('ALREADY_EXISTS', 'clue.unique');
  });
  it('needs recipients, distinct, not the sender', () => {
    spec.given([]).when(submit({ recipientAgencyIds: [], agreementIds: {} })).thenThrows('BAD_INPUT', 'clue.submit.recipients-given');
    spec.given([]).when(submit({ recipientAgencyIds: [CN, CN] })).thenThrows('BAD_INPUT', 'clue.submit.recipients-given');
    spec.given([]).when(submit({ recipientAgencyIds: [FR], agreementIds: { [FR]: 'agr-fr-cn' } })).thenThrows('RULE_VIOLATION', 'clue.submit.not-to-own-agency');
  });
  it('needs exactly one agreement per recipient', () => {
    spec.given([]).when(submit({ recipientAgencyIds: [CN, AT] })).thenThrows('BAD_INPUT', 'clue.submit.agreement-per-recipient');
    spec.given([]).when(submit({ agreementIds: { [CN]: 'agr-fr-cn', [AT]: 'agr-fr-at' } })).thenThrows('BAD_INPUT', 'clue.submit.agreement-per-recipient');
  });
  it('needs each agreement to exist, be in force and bind sender and recipient', () => {
    spec.given([]).when(submit({ agreementIds: { [CN]: 'agr-none' } })).thenThrows('NOT_FOUND', 'clue.submit.agreement-exists');
    const suspended: AgreementEvent = { type: 'AgreementSuspended', data: { agreementId: 'agr-fr-cn', byAgencyId: CN, reason: 'r' } };
    spec
      .given([])
      .when(submit(), { agreements: { ...agreements, 'agr-fr-cn': agreementState({ agreementId: 'agr-fr-cn', parties: [FR, CN] }, [suspended]) } })
      .thenThrows('RULE_VIOLATION', 'clue.submit.agreement-in-force');
    spec.given([]).when(submit({ agreementIds: { [CN]: 'agr-cn-at' } })).thenThrows('RULE_VIOLATION', 'clue.submit.parties-to-agreement');
    spec.given([]).when(submit({ agreementIds: { [CN]: 'agr-fr-at' } })).thenThrows('RULE_VIOLATION', 'clue.submit.parties-to-agreement');
  });
  it('needs registered recipients', () => {
    spec
      .given([])
      .when(submit({ recipientAgencyIds: ['xx-ghost'], agreementIds: { 'xx-ghost': 'agr-x' } }), {
        agreements: { 'agr-x': agreementState({ agreementId: 'agr-x', parties: [FR, 'xx-ghost'] }) },
      })
      .thenThrows('NOT_FOUND', 'clue.submit.recipient-registered');
  });
  it('keeps the clue TLP within each agreement’s maximum', () => {
    spec.given([]).when(submit({ markings: markings('RED') })).thenThrows('RULE_VIOLATION', 'clue.submit.tlp-within-agreement');
    spec.given([]).when(submit({ markings: markings('AMBER_STRICT') })).then([submitted({ markings: markings('AMBER_STRICT') })]);
  });
  it('sends a RED clue to a single recipient only', () => {
    const two = { recipientAgencyIds: [AT, CN], agreementIds: { [AT]: 'agr-fr-at', [CN]: 'agr-fr-cn' } };
    spec.given([]).when(submit({ ...two, markings: markings('RED') })).thenThrows('RULE_VIOLATION', 'clue.submit.red-single-recipient');
    spec
      .given([])
      .when(submit({ recipientAgencyIds: [AT], agreementIds: { [AT]: 'agr-fr-at' }, markings: markings('RED') }))
      .then([submitted({ recipientAgencyIds: [AT], agreementIds: { [AT]: 'agr-fr-at' }, markings: markings('RED') })]);
  });
  it('carries a claimed identity for, and only for, an IDENTIFICATION_REQUEST, tagged by the person’s role', () => {
    spec.given([]).when(submit({ kind: 'IDENTIFICATION_REQUEST' })).thenThrows('BAD_INPUT', 'clue.submit.identity-only-for-identification-request');
    spec
      .given([])
      .when(submit({ claimedIdentity: { personRole: 'VICTIM', fullName: 'Wang Fang' } }))
      .thenThrows('BAD_INPUT', 'clue.submit.identity-only-for-identification-request');
    spec
      .given([])
      .when(submit({ kind: 'IDENTIFICATION_REQUEST', claimedIdentity: { personRole: 'SUSPECT', fullName: 'Wang Fang', nationality: 'CN', documentNumber: 'G123' } }))
      .then([
        submitted({
          kind: 'IDENTIFICATION_REQUEST',
          claimedIdentity: {
            personRole: 'SUSPECT',
            fullName: { category: 'SUSPECT_IDENTITY', value: 'Wang Fang' },
            nationality: { category: 'SUSPECT_IDENTITY', value: 'CN' },
            documentNumber: { category: 'SUSPECT_IDENTITY', value: 'G123' },
          },
        }),
      ]);
  });
  it('needs the claimed person’s name', () => {
    spec
      .given([])
      .when(submit({ kind: 'IDENTIFICATION_REQUEST', claimedIdentity: { personRole: 'VICTIM', fullName: ' ' } }))
      .thenThrows('BAD_INPUT', 'clue.submit.identity-name-given');
  });
  it('links only a case of the sender', () => {
    const frCase: CaseEvent = {
      type: 'CaseOpened',
      data: { caseId: 'c-fr', ownerAgencyId: FR, kind: 'TRAFFICKING', title: 't', summary: 's', markings: markings() },
    };
    const cnCase: CaseEvent = { type: 'CaseOpened', data: { ...frCase.data, caseId: 'c-cn', ownerAgencyId: CN } as Extract<CaseEvent, { type: 'CaseOpened' }>['data'] };
    spec.given([]).when(submit({ senderCaseId: 'c-fr' }), { senderCase: evolveCase(initialCaseState(), frCase) }).then([submitted({ senderCaseId: 'c-fr' })]);
    spec.given([]).when(submit({ senderCaseId: 'c-cn' }), { senderCase: evolveCase(initialCaseState(), cnCase) }).thenThrows('FORBIDDEN', 'clue.submit.sender-case-owned');
    spec.given([]).when(submit({ senderCaseId: 'c-none' }), { senderCase: initialCaseState() }).thenThrows('NOT_FOUND', 'clue.submit.sender-case-exists');
  });
  it('checks subject, body and markings', () => {
    spec.given([]).when(submit({ subject: ' ' })).thenThrows('BAD_INPUT', 'clue.submit.subject-given');
    spec.given([]).when(submit({ body: '' })).thenThrows('BAD_INPUT', 'clue.submit.body-given');
    spec.given([]).when(submit({ markings: markings('AMBER', { handling: ['H3'] }) })).thenThrows('BAD_INPUT', 'markings.h3-states-restriction');
  });
});

// ---- the per-recipient lifecycle ----------------------------------------------------------------

const ev = {
  ack: { type: 'ClueAcknowledged', data: { clueId: CLUE, recipientAgencyId: CN } },
  requested: { type: 'ClueInformationRequested', data: { clueId: CLUE, recipientAgencyId: CN, question: 'Which province?' } },
  provided: { type: 'ClueInformationProvided', data: { clueId: CLUE, recipientAgencyId: CN, answer: 'Zhejiang' } },
  accepted: { type: 'ClueAccepted', data: { clueId: CLUE, recipientAgencyId: CN, linkedCaseId: CN_CASE } },
  declined: { type: 'ClueDeclined', data: { clueId: CLUE, recipientAgencyId: CN, reason: 'outside our remit' } },
  feedback: { type: 'ClueFeedbackGiven', data: { clueId: CLUE, recipientAgencyId: CN, outcome: 'LED_TO_ARREST', comment: 'two arrests' } },
  closed: { type: 'ClueClosed', data: { clueId: CLUE, recipientAgencyId: CN } },
  withdrawn: { type: 'ClueWithdrawn', data: { clueId: CLUE, recipientAgencyId: CN, reason: 'source retracted' } },
} satisfies Record<string, ClueEvent>;

/** A history that brings recipient CN to each status. */
const reached: Record<ClueStatus, ClueEvent[]> = {
  SUBMITTED: [submitted()],
  ACKNOWLEDGED: [submitted(), ev.ack],
  INFO_REQUESTED: [submitted(), ev.ack, ev.requested],
  INFO_PROVIDED: [submitted(), ev.ack, ev.requested, ev.provided],
  ACCEPTED: [submitted(), ev.ack, ev.accepted],
  DECLINED: [submitted(), ev.ack, ev.declined],
  FEEDBACK_GIVEN: [submitted(), ev.ack, ev.accepted, ev.feedback],
  CLOSED: [submitted(), ev.ack, ev.declined, ev.closed],
  WITHDRAWN: [submitted(), ev.withdrawn],
};

const cnCaseOpened: CaseEvent = {
  type: 'CaseOpened',
  data: { caseId: CN_CASE, ownerAgencyId: CN, kind: 'TRAFFICKING', title: 'Wenzhou recruiter', summary: '', markings: markings() },
};
const cnCase = evolveCase(initialCaseState(), cnCaseOpened);
const recipientOfficer = liaison(CN);

const steps: Record<keyof typeof CLUE_TRANSITIONS, { command: ClueCommand; event: ClueEvent }> = {
  AcknowledgeClue: { command: { type: 'AcknowledgeClue', actor: recipientOfficer, data: { clueId: CLUE } }, event: ev.ack },
  RequestClueInformation: { command: { type: 'RequestClueInformation', actor: recipientOfficer, data: { clueId: CLUE, question: 'Which province?' } }, event: ev.requested },
  ProvideClueInformation: { command: { type: 'ProvideClueInformation', actor: sender, data: { clueId: CLUE, recipientAgencyId: CN, answer: 'Zhejiang' } }, event: ev.provided },
  AcceptClue: { command: { type: 'AcceptClue', actor: recipientOfficer, data: { clueId: CLUE, caseId: CN_CASE } }, event: ev.accepted },
  DeclineClue: { command: { type: 'DeclineClue', actor: recipientOfficer, data: { clueId: CLUE, reason: 'outside our remit' } }, event: ev.declined },
  GiveClueFeedback: { command: { type: 'GiveClueFeedback', actor: recipientOfficer, data: { clueId: CLUE, outcome: 'LED_TO_ARREST', comment: 'two arrests' } }, event: ev.feedback },
  CloseClue: { command: { type: 'CloseClue', actor: sender, data: { clueId: CLUE, recipientAgencyId: CN } }, event: ev.closed },
  WithdrawClue: { command: { type: 'WithdrawClue', actor: sender, data: { clueId: CLUE, recipientAgencyId: CN, reason: 'source retracted' } }, event: ev.withdrawn },
};

/** The lifecycle as DESIGN.md draws it, written out independently of CLUE_TRANSITIONS. */
const allowed: Record<ClueStatus, Array<keyof typeof steps>> = {
  SUBMITTED: ['AcknowledgeClue', 'WithdrawClue'],
  ACKNOWLEDGED: ['RequestClueInformation', 'AcceptClue', 'DeclineClue', 'WithdrawClue'],
  INFO_REQUESTED: ['ProvideClueInformation', 'WithdrawClue'],
  INFO_PROVIDED: ['RequestClueInformation', 'AcceptClue', 'DeclineClue', 'WithdrawClue'],
  ACCEPTED: ['GiveClueFeedback'],
  DECLINED: ['CloseClue'],
  FEEDBACK_GIVEN: ['CloseClue'],
  CLOSED: [],
  WITHDRAWN: [],
};

describe('clue lifecycle, per recipient', () => {
  const table = CLUE_STATUSES.flatMap((status) => (Object.keys(steps) as Array<keyof typeof steps>).map((step) => [status, step, allowed[status].includes(step)] as const));

  it.each(table)('from %s, %s allowed: %s', (status, step, isAllowed) => {
    const when = spec.given(reached[status]).when(steps[step].command, { linkedCase: cnCase });
    if (isAllowed) {
      when.then([steps[step].event]);
    } else {
      const error = when.thenThrows('INVALID_TRANSITION', 'clue.status-transition');
      expect(error.message).toContain(`current state ${status}`);
      expect(error.message).toContain(`requested ${CLUE_TRANSITIONS[step].to}`);
    }
  });

  it('folds each reached status', () => {
    for (const status of CLUE_STATUSES) {
      const state = reached[status].reduce(evolveClue, initialClueState());
      expect(state.exists && state.recipients[CN].status).toBe(status);
    }
  });

  it('keeps each recipient’s lifecycle separate', () => {
    const two = submitted({ recipientAgencyIds: [CN, AT], agreementIds: { [CN]: 'agr-fr-cn', [AT]: 'agr-fr-at' } });
    spec.given([two, ev.ack]).when({ type: 'AcknowledgeClue', actor: liaison(AT), data: { clueId: CLUE } }).then([{ type: 'ClueAcknowledged', data: { clueId: CLUE, recipientAgencyId: AT } }]);
    spec.given([two, ev.ack]).when(steps.AcknowledgeClue.command).thenThrows('INVALID_TRANSITION', 'clue.status-transition');
    spec
      .given([two, ev.withdrawn])
      .when({ type: 'WithdrawClue', actor: sender, data: { clueId: CLUE, recipientAgencyId: AT, reason: 'r' } })
      .then([{ type: 'ClueWithdrawn', data: { clueId: CLUE, recipientAgencyId: AT, reason: 'r' } }]);
  });
});

describe('who takes each step', () => {
  it('only a recipient acknowledges, requests information, accepts, declines and gives feedback', () => {
    const cases: Array<[keyof typeof steps, ClueStatus]> = [
      ['AcknowledgeClue', 'SUBMITTED'],
      ['RequestClueInformation', 'ACKNOWLEDGED'],
      ['AcceptClue', 'ACKNOWLEDGED'],
      ['DeclineClue', 'ACKNOWLEDGED'],
      ['GiveClueFeedback', 'ACCEPTED'],
    ];
    for (const [step, status] of cases) {
      for (const outsider of [sender, investigator(BG)]) {
        spec.given(reached[status]).when({ ...steps[step].command, actor: outsider } as ClueCommand, { linkedCase: cnCase }).thenThrows('FORBIDDEN', 'clue.recipient-only');
      }
    }
  });
  it('only the sender provides information and withdraws', () => {
    spec.given(reached.INFO_REQUESTED).when({ ...steps.ProvideClueInformation.command, actor: recipientOfficer } as ClueCommand).thenThrows('FORBIDDEN', 'clue.sender-only');
    spec.given(reached.SUBMITTED).when({ ...steps.WithdrawClue.command, actor: recipientOfficer } as ClueCommand).thenThrows('FORBIDDEN', 'clue.sender-only');
    spec.given(reached.SUBMITTED).when({ ...steps.WithdrawClue.command, actor: investigator(BG) } as ClueCommand).thenThrows('FORBIDDEN', 'clue.sender-only');
  });
  it('the sender or that recipient closes, nobody else', () => {
    spec.given(reached.DECLINED).when({ type: 'CloseClue', actor: recipientOfficer, data: { clueId: CLUE, recipientAgencyId: CN } }).then([ev.closed]);
    spec.given(reached.DECLINED).when({ type: 'CloseClue', actor: sender, data: { clueId: CLUE, recipientAgencyId: CN } }).then([ev.closed]);
    spec
      .given(reached.DECLINED)
      .when({ type: 'CloseClue', actor: investigator(BG), data: { clueId: CLUE, recipientAgencyId: CN } })
      .thenThrows('FORBIDDEN', 'clue.close.by-sender-or-recipient');
  });
  it('a sender step names an actual recipient', () => {
    spec
      .given(reached.INFO_REQUESTED)
      .when({ type: 'ProvideClueInformation', actor: sender, data: { clueId: CLUE, recipientAgencyId: AT, answer: 'a' } })
      .thenThrows('NOT_FOUND', 'clue.recipient-exists');
  });
  it('every clue step is for INVESTIGATORs and LIAISON_OFFICERs', () => {
    spec.given(reached.SUBMITTED).when({ ...steps.AcknowledgeClue.command, actor: admin(CN) } as ClueCommand).thenThrows('FORBIDDEN', 'clue.by-investigator-or-liaison');
  });
  it('needs an existing clue', () => {
    spec.given([]).when(steps.AcknowledgeClue.command).thenThrows('NOT_FOUND', 'clue.exists');
  });
  it('states reasons, questions and answers', () => {
    spec.given(reached.ACKNOWLEDGED).when({ type: 'DeclineClue', actor: recipientOfficer, data: { clueId: CLUE, reason: '' } }).thenThrows('BAD_INPUT', 'clue.decline.reason-stated');
    spec
      .given(reached.ACKNOWLEDGED)
      .when({ type: 'RequestClueInformation', actor: recipientOfficer, data: { clueId: CLUE, question: ' ' } })
      .thenThrows('BAD_INPUT', 'clue.request-information.question-stated');
    spec
      .given(reached.INFO_REQUESTED)
      .when({ type: 'ProvideClueInformation', actor: sender, data: { clueId: CLUE, recipientAgencyId: CN, answer: '' } })
      .thenThrows('BAD_INPUT', 'clue.provide-information.answer-stated');
    spec.given(reached.SUBMITTED).when({ type: 'WithdrawClue', actor: sender, data: { clueId: CLUE, recipientAgencyId: CN, reason: '' } }).thenThrows('BAD_INPUT', 'clue.withdraw.reason-stated');
  });
});

describe('AcceptClue', () => {
  const accept = (data: Partial<Extract<ClueCommand, { type: 'AcceptClue' }>['data']>): ClueCommand => ({ type: 'AcceptClue', actor: recipientOfficer, data: { clueId: CLUE, ...data } });

  it('links an existing case of the recipient', () => {
    spec.given(reached.ACKNOWLEDGED).when(accept({ caseId: CN_CASE }), { linkedCase: cnCase }).then([ev.accepted]);
  });
  it('refuses a case of another agency, a missing case, a closed case', () => {
    const frCase = evolveCase(initialCaseState(), { ...cnCaseOpened, data: { ...(cnCaseOpened.data as Extract<CaseEvent, { type: 'CaseOpened' }>['data']), ownerAgencyId: FR } });
    spec.given(reached.ACKNOWLEDGED).when(accept({ caseId: CN_CASE }), { linkedCase: frCase }).thenThrows('FORBIDDEN', 'clue.accept.own-case');
    spec.given(reached.ACKNOWLEDGED).when(accept({ caseId: CN_CASE }), { linkedCase: initialCaseState() }).thenThrows('NOT_FOUND', 'clue.accept.case-exists');
    const closedCase = evolveCase(cnCase, { type: 'CaseClosed', data: { caseId: CN_CASE, reason: 'done' } });
    spec.given(reached.ACKNOWLEDGED).when(accept({ caseId: CN_CASE }), { linkedCase: closedCase }).thenThrows('RULE_VIOLATION', 'clue.accept.case-not-closed');
  });
  it('needs either caseId or newCase', () => {
    spec.given(reached.ACKNOWLEDGED).when(accept({}), { linkedCase: cnCase }).thenThrows('BAD_INPUT', 'clue.accept.case-or-new-case');
    const newCase = { caseId: CN_CASE, kind: 'TRAFFICKING' as const, title: 't', summary: 's', markings: markings() };
    spec.given(reached.ACKNOWLEDGED).when(accept({ caseId: CN_CASE, newCase }), { linkedCase: cnCase }).thenThrows('BAD_INPUT', 'clue.accept.case-or-new-case');
  });

  describe('into a case opened on the spot', () => {
    const NEW_CASE = '9c8b7a60-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
    const newCase = { caseId: NEW_CASE, kind: 'TRAFFICKING' as const, title: 'From FR lead', summary: 'Recruiter in Wenzhou', markings: markings('AMBER') };
    const clueState = reached.ACKNOWLEDGED.reduce(evolveClue, initialClueState());
    const command = accept({ newCase }) as Extract<ClueCommand, { type: 'AcceptClue' }>;

    it('opens the case with openedForClueId, then accepts the clue into it', () => {
      expect(decideClueAcceptance(command, clueState, initialCaseState(), { now: NOW })).toEqual({
        caseEvents: [{ type: 'CaseOpened', data: { ...newCase, ownerAgencyId: CN, openedForClueId: CLUE } }],
        clueEvents: [{ type: 'ClueAccepted', data: { clueId: CLUE, recipientAgencyId: CN, linkedCaseId: NEW_CASE } }],
      });
    });
    it('accepts into an existing case without case events', () => {
      const existing = accept({ caseId: CN_CASE }) as Extract<ClueCommand, { type: 'AcceptClue' }>;
      expect(decideClueAcceptance(existing, clueState, cnCase, { now: NOW })).toEqual({ caseEvents: [], clueEvents: [ev.accepted] });
    });
    it('opens no case when the acceptance is refused', () => {
      const asSender = { ...command, actor: sender };
      expect(() => decideClueAcceptance(asSender, clueState, initialCaseState(), { now: NOW })).toThrow(expect.objectContaining({ rule: 'clue.recipient-only' }));
      const submittedOnly = reached.SUBMITTED.reduce(evolveClue, initialClueState());
      expect(() => decideClueAcceptance(command, submittedOnly, initialCaseState(), { now: NOW })).toThrow(expect.objectContaining({ rule: 'clue.status-transition' }));
    });
    it('refuses a new case id already in use', () => {
      let error: unknown;
      try {
        decideClueAcceptance(accept({ newCase: { ...newCase, caseId: CN_CASE } }) as Extract<ClueCommand, { type: 'AcceptClue' }>, clueState, cnCase, { now: NOW });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'ALREADY_EXISTS', rule: 'case.unique' });
    });
  });
});

describe('GiveClueFeedback', () => {
  const feedback = (outcome: string): ClueCommand => ({ type: 'GiveClueFeedback', actor: recipientOfficer, data: { clueId: CLUE, outcome: outcome as never, comment: '' } });
  const identification = submitted({
    kind: 'IDENTIFICATION_REQUEST',
    claimedIdentity: { personRole: 'VICTIM', fullName: { category: 'VICTIM_IDENTITY', value: 'Wang Fang' } },
  });
  const accepted = (first: ClueEvent) => [first, ev.ack, ev.accepted];

  it.each(IDENTIFICATION_OUTCOMES)('an identification request may end with %s', (outcome) => {
    spec.given(accepted(identification)).when(feedback(outcome)).then([{ type: 'ClueFeedbackGiven', data: { clueId: CLUE, recipientAgencyId: CN, outcome, comment: '' } }]);
    spec.given(accepted(submitted())).when(feedback(outcome)).thenThrows('BAD_INPUT', 'clue.feedback.outcome-fits-kind');
  });
  it.each(LEAD_OUTCOMES)('a lead or information request may end with %s', (outcome) => {
    spec.given(accepted(submitted())).when(feedback(outcome)).then([{ type: 'ClueFeedbackGiven', data: { clueId: CLUE, recipientAgencyId: CN, outcome, comment: '' } }]);
    spec.given(accepted(submitted({ kind: 'INFORMATION_REQUEST' }))).when(feedback(outcome)).then([{ type: 'ClueFeedbackGiven', data: { clueId: CLUE, recipientAgencyId: CN, outcome, comment: '' } }]);
    spec.given(accepted(identification)).when(feedback(outcome)).thenThrows('BAD_INPUT', 'clue.feedback.outcome-fits-kind');
  });
});

describe('TLP ladder sanity', () => {
  it('AMBER_STRICT ≤ AMBER_STRICT agreement, RED above it', () => {
    const tlps: Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT'];
    for (const tlp of tlps) spec.given([]).when(submit({ markings: markings(tlp) })).then([submitted({ markings: markings(tlp) })]);
  });
});
