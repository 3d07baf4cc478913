import {
  AcceptClueCommand,
  AcknowledgeClueCommand,
  AddNoteCommand,
  BootstrapLedgerCommand,
  CloseClueCommand,
  type CommandResult,
  DeclareJointInvestigationCommand,
  DeclineClueCommand,
  GiveClueFeedbackCommand,
  OpenCaseCommand,
  ProposeAgreementCommand,
  ProvideClueInformationCommand,
  RecordMoneyFlowCommand,
  RecordOrganisationCommand,
  RecordPersonCommand,
  RecordRouteCommand,
  RegisterAgencyCommand,
  RegisterOfficerCommand,
  RequestClueInformationCommand,
  RevokeShareCommand,
  ShareCaseCommand,
  SignAgreementCommand,
  SubmitClueCommand,
  SuspendAgreementCommand,
  WithdrawClueCommand,
} from '@ledger/commands';
import type { Markings } from '@ledger/domain';
import type { Command } from '@nestjs/cqrs';
import { AGREEMENTS, AT, CASES, CLUES, CN, DEMO_AGENCIES, DEMO_AGREEMENTS, EUROPOL, FR, IOM, NORDIC, BG, type DemoAgency } from './demo-world';
import { demoId } from './seed-ids';

/** Who acts in a step: an officer of an agency, or the ledger itself (bootstrap only). */
export type StepActor = { officerId: string; agencyId: string } | null;

/** One command of the demo world, with a name that is unique in the script (its command id derives from it). */
export interface SeedStep {
  name: string;
  actor: StepActor;
  command(metadata: { commandId: string; correlationId: string; actor?: { officerId: string; agencyId: string } }): Command<CommandResult>;
}

const amber = (extra: Partial<Markings> = {}): Markings => ({ tlp: 'AMBER', handling: ['H0', 'H2'], ...extra });

function officer(agency: DemoAgency, index: number): { officerId: string; agencyId: string } {
  const found = agency.officers[index];
  if (found === undefined) throw new Error(`demo agency ${agency.agencyId} has no officer #${index}`);
  return { officerId: found.officerId, agencyId: agency.agencyId };
}

function agencyById(id: string): DemoAgency {
  const agency = DEMO_AGENCIES.find((candidate) => candidate.agencyId === id);
  if (agency === undefined) throw new Error(`unknown demo agency ${id}`);
  return agency;
}

/** The first officer of an agency (its admin), and the others by name. */
const adminOf = (id: string) => officer(agencyById(id), 0);
const as = (id: string, officerId: string) => ({ officerId, agencyId: id });

const fr = { investigator: as(FR, 'fr-ocreth-dupont'), liaison: as(FR, 'fr-ocreth-bernard') };
const cn = { investigator: as(CN, 'cn-mps-ocht-wang'), liaison: as(CN, 'cn-mps-ocht-li') };
const at = { investigator: as(AT, 'at-bk-gruber') };
const bg = { investigator: as(BG, 'bg-nccthb-petrov') };
const iom = { liaison: as(IOM, 'iom-cn-okafor') };
const nordic = { liaison: as(NORDIC, 'nordic-plo-lindqvist') };

/**
 * Every command that builds the demo world, in order: agencies and officers, agreements (signed,
 * proposed, later one suspended), cases with persons, routes, organisations, money flows and notes,
 * shares (one narrowed, one revoked), and clues in different lifecycle states, among them an
 * identification request answered with TRAVEL_DOCUMENT_ISSUED.
 */
export function demoScript(): SeedStep[] {
  const steps: SeedStep[] = [];
  const step = <I>(name: string, actor: StepActor, Message: new (input: I, metadata: never) => Command<CommandResult>, input: I) =>
    steps.push({ name, actor, command: (metadata) => new Message(input, metadata as never) });

  // ── agencies and officers ────────────────────────────────────────────────
  for (const [index, agency] of DEMO_AGENCIES.entries()) {
    const [admin, ...others] = agency.officers;
    const onboarding = {
      agencyId: agency.agencyId,
      name: agency.name,
      country: agency.country,
      kind: agency.kind,
      mandates: agency.mandates,
      admin: { officerId: admin.officerId, name: admin.name, roles: admin.roles, auditScope: admin.auditScope ?? 'OWN' },
    };
    if (index === 0) step(`bootstrap ${agency.agencyId}`, null, BootstrapLedgerCommand, onboarding);
    else step(`register agency ${agency.agencyId}`, adminOf(DEMO_AGENCIES[0].agencyId), RegisterAgencyCommand, onboarding);
    for (const other of others) {
      step(`register officer ${other.officerId}`, officer(agency, 0), RegisterOfficerCommand, {
        agencyId: agency.agencyId,
        officerId: other.officerId,
        name: other.name,
        roles: other.roles,
        auditScope: other.auditScope ?? 'OWN',
      });
    }
  }

  // ── agreements ───────────────────────────────────────────────────────────
  for (const agreement of DEMO_AGREEMENTS) {
    const { signedBy, ...terms } = agreement;
    step(`propose ${agreement.title}`, adminOf(agreement.parties[0] as string), ProposeAgreementCommand, terms);
    for (const party of signedBy) step(`sign ${agreement.title} by ${party}`, adminOf(party), SignAgreementCommand, { agreementId: agreement.agreementId });
  }

  // ── France: massage parlour network (joint investigation with China) ─────
  const parlours = CASES.parlours;
  step('open parlours case', fr.investigator, OpenCaseCommand, {
    caseId: parlours,
    kind: 'TRAFFICKING',
    title: 'Massage parlour network exploiting Chinese women in Paris and Lyon',
    summary:
      'Women from Heilongjiang recruited with promises of work, brought on Schengen visas and exploited in massage parlours in Paris and Lyon; some moved on to Austria and Spain. Recruitment through an agency in Harbin.',
    markings: amber({ evaluation: { source: 'B', information: '2' } }),
  });
  step('parlours: suspect', fr.investigator, RecordPersonCommand, {
    caseId: parlours,
    personId: demoId('person:parlours-suspect'),
    role: 'SUSPECT',
    fullName: 'Zhang Wei',
    dateOfBirth: '1978-03-14',
    nationality: 'CN',
    documentNumber: 'E12345678',
    phoneNumber: '+33612345678',
    address: '14 rue du Disque, 75013 Paris',
    markings: amber(),
  });
  step('parlours: victim', fr.investigator, RecordPersonCommand, {
    caseId: parlours,
    personId: demoId('person:parlours-victim'),
    role: 'VICTIM',
    fullName: 'Liu Yan',
    dateOfBirth: '1995',
    nationality: 'CN',
    address: 'Lyon 7e',
    markings: amber(),
  });
  step('parlours: route', fr.investigator, RecordRouteCommand, {
    caseId: parlours,
    routeId: demoId('route:parlours'),
    origin: { country: 'CN', city: 'Harbin' },
    transit: [{ country: 'AE', city: 'Dubai' }],
    destination: { country: 'FR', city: 'Paris' },
    method: 'AIR',
    markings: amber(),
  });
  step('parlours: recruitment agency', fr.investigator, RecordOrganisationCommand, {
    caseId: parlours,
    organisationId: demoId('organisation:parlours-recruiter'),
    name: 'Golden Bridge Labour Services Co.',
    kind: 'RECRUITMENT_AGENCY',
    country: 'CN',
    address: 'Nangang District, Harbin',
    markings: amber(),
  });
  step('parlours: parlour', fr.investigator, RecordOrganisationCommand, {
    caseId: parlours,
    organisationId: demoId('organisation:parlours-parlour'),
    name: 'Lotus Bien-être',
    kind: 'PARLOUR',
    country: 'FR',
    address: '31 avenue de Choisy, 75013 Paris',
    markings: amber(),
  });
  step('parlours: money flow', fr.investigator, RecordMoneyFlowCommand, {
    caseId: parlours,
    flowId: demoId('flow:parlours'),
    fromAccount: 'FR7630006000011234567890189',
    toAccount: '6222021001234567890',
    amount: 4800,
    currency: 'EUR',
    date: '2024-11-05',
    channel: 'money remittance',
    markings: amber(),
  });
  step('parlours: note', fr.investigator, AddNoteCommand, {
    caseId: parlours,
    noteId: demoId('note:parlours'),
    text: 'Victims fear retaliation against relatives in Heilongjiang; no testimony obtained yet. Testimony is what prosecutors on both sides need.',
    markings: amber(),
  });
  step('parlours: red note', fr.investigator, AddNoteCommand, {
    caseId: parlours,
    noteId: demoId('note:parlours-source'),
    text: 'A source inside the network reports weekly; never disclose.',
    markings: { tlp: 'RED', handling: ['H0', 'H2', 'H3'], handlingNote: 'Source protection: not for any recipient.' },
  });
  step('parlours: share with OCHT', fr.investigator, ShareCaseCommand, {
    caseId: parlours,
    recipientAgencyIds: [CN],
    agreementId: AGREEMENTS.cnFr,
    categories: ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'FINANCIAL', 'TRAVEL_ROUTE', 'LOCATION'],
  });
  step('parlours: narrow the share with OCHT', fr.investigator, ShareCaseCommand, {
    caseId: parlours,
    recipientAgencyIds: [CN],
    agreementId: AGREEMENTS.cnFr,
    categories: ['SUSPECT_IDENTITY', 'FINANCIAL', 'TRAVEL_ROUTE'],
  });
  step('parlours: share with Europol', fr.investigator, ShareCaseCommand, {
    caseId: parlours,
    recipientAgencyIds: [EUROPOL],
    agreementId: AGREEMENTS.europolFr,
    categories: ['SUSPECT_IDENTITY', 'FINANCIAL'],
  });
  step('parlours: joint investigation', fr.investigator, DeclareJointInvestigationCommand, { caseId: parlours, partnerAgencyIds: [CN] });

  // ── Austria: Chinese victims in Vienna, following the money ──────────────
  const vienna = CASES.vienna;
  step('open vienna case', at.investigator, OpenCaseCommand, {
    caseId: vienna,
    kind: 'TRAFFICKING',
    title: 'Chinese victims of trafficking in Viennese massage parlours',
    summary: 'Ten Chinese women identified as victims; most hired illegitimately to work in massage parlours. Money is sent to accounts in Heilongjiang; a possible organised crime network.',
    markings: amber({ handling: ['H0', 'H1'], evaluation: { source: 'A', information: '2' } }),
  });
  step('vienna: victim', at.investigator, RecordPersonCommand, {
    caseId: vienna,
    personId: demoId('person:vienna-victim'),
    role: 'VICTIM',
    fullName: 'Chen Xiaomei',
    dateOfBirth: '1992-07-02',
    nationality: 'CN',
    markings: amber({ handling: ['H0', 'H1'] }),
  });
  step('vienna: suspect', at.investigator, RecordPersonCommand, {
    caseId: vienna,
    personId: demoId('person:vienna-suspect'),
    role: 'SUSPECT',
    fullName: 'Sun Jian',
    dateOfBirth: '1975',
    nationality: 'CN',
    documentNumber: 'G98765432',
    address: 'Favoritenstraße 120, 1100 Wien',
    markings: amber({ handling: ['H0', 'H1'] }),
  });
  step('vienna: route', at.investigator, RecordRouteCommand, {
    caseId: vienna,
    routeId: demoId('route:vienna'),
    origin: { country: 'CN', city: 'Harbin' },
    transit: [{ country: 'RU', city: 'Moscow' }, { country: 'HU', city: 'Budapest' }],
    destination: { country: 'AT', city: 'Vienna' },
    method: 'MIXED',
    markings: amber({ handling: ['H0', 'H1'] }),
  });
  step('vienna: parlour', at.investigator, RecordOrganisationCommand, {
    caseId: vienna,
    organisationId: demoId('organisation:vienna-parlour'),
    name: 'Jade Garden Massage',
    kind: 'PARLOUR',
    country: 'AT',
    address: 'Quellenstraße 8, 1100 Wien',
    markings: amber({ handling: ['H0', 'H1'] }),
  });
  for (const [index, flow] of [
    { amount: 2500, date: '2025-01-15', channel: 'bank transfer' },
    { amount: 3100, date: '2025-02-14', channel: 'money remittance' },
  ].entries()) {
    step(`vienna: money flow ${index + 1}`, at.investigator, RecordMoneyFlowCommand, {
      caseId: vienna,
      flowId: demoId(`flow:vienna-${index + 1}`),
      fromAccount: 'AT611904300234573201',
      toAccount: '6217000010012345678',
      currency: 'EUR',
      ...flow,
      markings: amber({ handling: ['H0', 'H1'] }),
    });
  }
  step('vienna: share with OCHT', at.investigator, ShareCaseCommand, {
    caseId: vienna,
    recipientAgencyIds: [CN],
    agreementId: AGREEMENTS.atCnIom,
    categories: ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'FINANCIAL', 'TRAVEL_ROUTE', 'LOCATION'],
  });
  step('vienna: share with IOM', at.investigator, ShareCaseCommand, {
    caseId: vienna,
    recipientAgencyIds: [IOM],
    agreementId: AGREEMENTS.atCnIom,
    categories: ['VICTIM_IDENTITY', 'TRAVEL_ROUTE'],
  });

  // ── China: forged passports, shared with France then revoked ─────────────
  const passports = CASES.passports;
  step('open passports case', cn.investigator, OpenCaseCommand, {
    caseId: passports,
    kind: 'SMUGGLING',
    title: 'Forged Asian passports: north-east China to the United Kingdom via France',
    summary: 'Migrants obtain a French visa, then travel on forged Asian passports to the UK and the Netherlands.',
    markings: amber({ evaluation: { source: 'B', information: '3' } }),
  });
  step('passports: suspect', cn.investigator, RecordPersonCommand, {
    caseId: passports,
    personId: demoId('person:passports-suspect'),
    role: 'SUSPECT',
    fullName: 'Gao Feng',
    nationality: 'CN',
    phoneNumber: '+8613800138000',
    markings: amber(),
  });
  step('passports: route', cn.investigator, RecordRouteCommand, {
    caseId: passports,
    routeId: demoId('route:passports'),
    origin: { country: 'CN', city: 'Shenyang' },
    transit: [{ country: 'FR', city: 'Paris' }],
    destination: { country: 'GB', city: 'London' },
    method: 'MIXED',
    markings: amber(),
  });
  step('passports: share with OCRTEH', cn.investigator, ShareCaseCommand, {
    caseId: passports,
    recipientAgencyIds: [FR],
    agreementId: AGREEMENTS.cnFr,
    categories: ['SUSPECT_IDENTITY', 'TRAVEL_ROUTE'],
  });
  step('passports: revoke the share with OCRTEH', cn.investigator, RevokeShareCommand, {
    caseId: passports,
    recipientAgencyId: FR,
    reason: "Shared before the prosecutor's authorisation; will be shared again once it is given.",
  });

  // ── Bulgaria: recruitment for France (agreement still proposed: not shared) ──
  const bulgaria = CASES.bulgaria;
  step('open bulgaria case', bg.investigator, OpenCaseCommand, {
    caseId: bulgaria,
    kind: 'TRAFFICKING',
    title: 'Recruitment by word of mouth for seasonal work in France',
    summary: 'Young women from Sliven promised seasonal work in the south of France; passports withheld on arrival.',
    markings: { tlp: 'GREEN', handling: ['H0'] },
  });
  step('bulgaria: victim', bg.investigator, RecordPersonCommand, {
    caseId: bulgaria,
    personId: demoId('person:bulgaria-victim'),
    role: 'VICTIM',
    fullName: 'Desislava Ivanova',
    dateOfBirth: '2001-04-19',
    nationality: 'BG',
    markings: { tlp: 'GREEN', handling: ['H0'] },
  });
  step('bulgaria: route', bg.investigator, RecordRouteCommand, {
    caseId: bulgaria,
    routeId: demoId('route:bulgaria'),
    origin: { country: 'BG', city: 'Sliven' },
    transit: [],
    destination: { country: 'FR', city: 'Marseille' },
    method: 'LAND',
    markings: { tlp: 'GREEN', handling: ['H0'] },
  });

  // ── Clue: identification request, answered with a travel document ───────
  const identification = CLUES.identification;
  step('identification request', nordic.liaison, SubmitClueCommand, {
    clueId: identification,
    recipientAgencyIds: [CN],
    agreementIds: { [CN]: AGREEMENTS.nordicCn },
    kind: 'IDENTIFICATION_REQUEST',
    subject: 'Confirm identity and nationality, and issue a travel document for return',
    body: 'A man detained in Copenhagen awaiting return states he is a Chinese national. He holds no valid document. Please confirm his identity and issue a travel document.',
    markings: amber(),
    claimedIdentity: { personRole: 'VICTIM', fullName: 'Lin Wei', dateOfBirth: '1988-09', nationality: 'CN', documentNumber: 'E00011122' },
  });
  step('identification: acknowledge', cn.liaison, AcknowledgeClueCommand, { clueId: identification });
  step('identification: ask for the hukou', cn.liaison, RequestClueInformationCommand, {
    clueId: identification,
    question: 'Please give his claimed place of household registration (hukou) and a photo of any identity document, even expired.',
  });
  step('identification: answer', nordic.liaison, ProvideClueInformationCommand, {
    clueId: identification,
    recipientAgencyId: CN,
    answer: 'He states his hukou is in Fuqing, Fujian. A photo of an expired passport E00011122 is on file with the Danish police.',
  });
  step('identification: accept into a new case', cn.investigator, AcceptClueCommand, {
    clueId: identification,
    newCase: {
      caseId: CASES.fuqing,
      kind: 'IDENTIFICATION',
      title: 'Identification of a man detained in Copenhagen (claims hukou in Fuqing)',
      summary: 'Identity check against the household registration in Fuqing for the issue of a travel document.',
      markings: amber(),
    },
  });
  step('identification: travel document issued', cn.liaison, GiveClueFeedbackCommand, {
    clueId: identification,
    outcome: 'TRAVEL_DOCUMENT_ISSUED',
    comment: 'Identity confirmed against the household registration; travel document issued by the Embassy in Copenhagen.',
  });
  step('identification: close', nordic.liaison, CloseClueCommand, { clueId: identification, recipientAgencyId: CN });

  // ── Clue: lead from the parlours case, accepted by OCHT, feedback given ──
  const recruiter = CLUES.recruiter;
  step('recruiter lead', fr.investigator, SubmitClueCommand, {
    clueId: recruiter,
    recipientAgencyIds: [CN],
    agreementIds: { [CN]: AGREEMENTS.cnFr },
    kind: 'LEAD',
    subject: 'Harbin recruitment agency supplying the Paris and Lyon parlours',
    body: 'Golden Bridge Labour Services Co. (Nangang District, Harbin) recruited at least four of the victims identified in France. Payments go through money remittance.',
    markings: amber(),
    senderCaseId: parlours,
  });
  step('recruiter: acknowledge', cn.liaison, AcknowledgeClueCommand, { clueId: recruiter });
  step('recruiter: accept into a new case', cn.investigator, AcceptClueCommand, {
    clueId: recruiter,
    newCase: {
      caseId: CASES.harbin,
      kind: 'TRAFFICKING',
      title: 'Harbin recruitment agency supplying massage parlours in France',
      summary: 'Opened on the lead from OCRTEH.',
      markings: amber(),
    },
  });
  step('recruiter: feedback', cn.investigator, GiveClueFeedbackCommand, {
    clueId: recruiter,
    outcome: 'INVESTIGATION_ONGOING',
    comment: 'The agency is under investigation; a search of its premises is planned.',
  });

  // ── Clue: information request to Austria, declined ───────────────────────
  const viennaVictims = CLUES.viennaVictims;
  step('vienna victims request', cn.liaison, SubmitClueCommand, {
    clueId: viennaVictims,
    recipientAgencyIds: [AT],
    agreementIds: { [AT]: AGREEMENTS.atCnIom },
    kind: 'INFORMATION_REQUEST',
    subject: 'Chinese victims identified in Vienna',
    body: 'Please send the identities of the Chinese victims identified in Vienna so that their families can be traced and recruiters in China investigated.',
    markings: amber(),
  });
  step('vienna victims: acknowledge', at.investigator, AcknowledgeClueCommand, { clueId: viennaVictims });
  step('vienna victims: decline', at.investigator, DeclineClueCommand, {
    clueId: viennaVictims,
    reason: 'The victims have not consented to their identities being passed on; IOM will relay what they agree to share.',
  });

  // ── Clue: lead to two recipients, one acknowledged ───────────────────────
  const transfers = CLUES.transfers;
  step('transfers lead', at.investigator, SubmitClueCommand, {
    clueId: transfers,
    recipientAgencyIds: [CN, IOM],
    agreementIds: { [CN]: AGREEMENTS.atCnIom, [IOM]: AGREEMENTS.atCnIom },
    kind: 'LEAD',
    subject: 'Money transfers from Vienna parlours to accounts in Heilongjiang',
    body: 'Monthly transfers of 2,500–3,100 EUR from a Viennese account to the same account in Heilongjiang. Following the money may reveal the network.',
    markings: amber({ handling: ['H0', 'H1'] }),
    senderCaseId: vienna,
  });
  step('transfers: IOM acknowledges', iom.liaison, AcknowledgeClueCommand, { clueId: transfers });

  // ── Clue: lead to Europol, withdrawn; then the agreement is suspended ────
  const europolLead = CLUES.europolLead;
  step('europol lead', fr.investigator, SubmitClueCommand, {
    clueId: europolLead,
    recipientAgencyIds: [EUROPOL],
    agreementIds: { [EUROPOL]: AGREEMENTS.europolFr },
    kind: 'LEAD',
    subject: 'Possible links with parlour networks in Spain and Italy',
    body: 'Victims mention transfers to parlours in Madrid and Milan.',
    markings: amber(),
    senderCaseId: parlours,
  });
  step('europol lead: withdraw', fr.investigator, WithdrawClueCommand, {
    clueId: europolLead,
    recipientAgencyId: EUROPOL,
    reason: 'Superseded by the joint investigation with OCHT.',
  });
  step('suspend the Europol agreement', adminOf(FR), SuspendAgreementCommand, {
    agreementId: AGREEMENTS.europolFr,
    reason: 'Data protection review of the communications data exchanged under the agreement.',
  });

  return steps;
}

/** The demo officers, with their agencies (for printing tokens). */
export function demoOfficers(): Array<{ officerId: string; agencyId: string; name: string; roles: string[] }> {
  return DEMO_AGENCIES.flatMap((agency) => agency.officers.map((o) => ({ officerId: o.officerId, agencyId: agency.agencyId, name: o.name, roles: [...o.roles] })));
}

