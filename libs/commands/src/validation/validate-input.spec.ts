import { InputValidationError } from '../errors';
import { AcceptClueInput, SubmitClueInput } from '../inputs/clue.inputs';
import { OpenCaseInput, RecordRouteInput } from '../inputs/case.inputs';
import { ProposeAgreementInput } from '../inputs/agreement.inputs';
import { RegisterOfficerInput } from '../inputs/agency.inputs';
import { validateInput } from './validate-input';

function issuesOf(run: () => unknown): Array<{ path: string; rule: string }> {
  try {
    run();
  } catch (error) {
    if (error instanceof InputValidationError) return error.issues.map(({ path, rule }) => ({ path, rule }));
    throw error;
  }
  throw new Error('expected an InputValidationError');
}

const CASE = '0b8f1c9e-3a52-4c1e-9a0e-6f1d2b7c4e11';

describe('validateInput', () => {
  it('returns a typed instance for valid input', () => {
    const input = validateInput(OpenCaseInput, { kind: 'TRAFFICKING', title: 'Nail parlours', markings: { tlp: 'AMBER', handling: ['H3'], handlingNote: 'not in court' } });
    expect(input).toBeInstanceOf(OpenCaseInput);
    expect(input.markings.handlingNote).toBe('not in court');
  });

  it('names nested field paths and rules', () => {
    expect(
      issuesOf(() =>
        validateInput(OpenCaseInput, { caseId: 'case-1', kind: 'FRAUD', title: '', markings: { tlp: 'PINK', handling: ['H0', 'H0'], evaluation: { source: 'Z', information: '1' } } }),
      ),
    ).toEqual(
      expect.arrayContaining([
        { path: 'caseId', rule: 'isUuid' },
        { path: 'kind', rule: 'isIn' },
        { path: 'title', rule: 'isLength' },
        { path: 'markings.tlp', rule: 'isIn' },
        { path: 'markings.handling', rule: 'arrayUnique' },
        { path: 'markings.evaluation.source', rule: 'isIn' },
      ]),
    );
  });

  it('refuses fields the input does not define, at any depth', () => {
    expect(issuesOf(() => validateInput(OpenCaseInput, { kind: 'TRAFFICKING', title: 't', ownerAgencyId: 'x', markings: { tlp: 'AMBER', handling: [], category: 'x' } }))).toEqual([
      { path: 'ownerAgencyId', rule: 'whitelistValidation' },
      { path: 'markings.category', rule: 'whitelistValidation' },
    ]);
  });

  it('refuses what is not an object', () => {
    for (const plain of [null, 'x', 42, []]) expect(issuesOf(() => validateInput(OpenCaseInput, plain))).toEqual([{ path: '(input)', rule: 'isObject' }]);
  });

  it('checks ISO 3166-1 alpha-2 countries in nested lists', () => {
    expect(
      issuesOf(() =>
        validateInput(RecordRouteInput, { caseId: CASE, origin: { country: 'CN' }, transit: [{ country: 'RS' }, { country: 'YU' }], destination: { country: 'fr' }, method: 'AIR', markings: { tlp: 'GREEN', handling: [] } }),
      ),
    ).toEqual([
      { path: 'transit.1.country', rule: 'isISO31661Alpha2' },
      { path: 'destination.country', rule: 'isUppercase' },
    ]);
  });

  it('checks agreement terms: slugs, at least two parties, non-empty lists, calendar dates', () => {
    expect(
      issuesOf(() =>
        validateInput(ProposeAgreementInput, { title: 'MoU', parties: ['FR_OCRTEH'], scope: [], categories: ['FINANCIAL'], maxTlp: 'RED', validFrom: '2025-01-01', validUntil: '2025-02-29' }),
      ),
    ).toEqual(
      expect.arrayContaining([
        { path: 'parties', rule: 'arrayMinSize' },
        { path: 'parties', rule: 'matches' },
        { path: 'scope', rule: 'arrayNotEmpty' },
        { path: 'validUntil', rule: 'isCalendarDate' },
      ]),
    );
  });

  it('checks roles and officer slugs', () => {
    expect(issuesOf(() => validateInput(RegisterOfficerInput, { agencyId: 'fr-ocreth', officerId: 'J Dupont', name: 'J', roles: [] }))).toEqual(
      expect.arrayContaining([
        { path: 'officerId', rule: 'matches' },
        { path: 'roles', rule: 'arrayNotEmpty' },
      ]),
    );
  });

  it('checks the agreement map of a clue and the nested new case of an acceptance', () => {
    const base = { recipientAgencyIds: ['cn-mps-ocht'], kind: 'LEAD', subject: 's', body: 'b', markings: { tlp: 'AMBER', handling: [] } };
    expect(issuesOf(() => validateInput(SubmitClueInput, { ...base, agreementIds: [] }))).toEqual([{ path: 'agreementIds', rule: 'isAgreementMap' }]);
    expect(issuesOf(() => validateInput(SubmitClueInput, { ...base, agreementIds: { 'CN!': CASE } }))).toEqual([{ path: 'agreementIds', rule: 'isAgreementMap' }]);
    expect(validateInput(SubmitClueInput, { ...base, agreementIds: { 'cn-mps-ocht': CASE } }).agreementIds).toEqual({ 'cn-mps-ocht': CASE });
    expect(issuesOf(() => validateInput(AcceptClueInput, { clueId: CASE, newCase: { kind: 'TRAFFICKING', title: 't', markings: { tlp: 'RED' } } }))).toEqual(
      expect.arrayContaining([{ path: 'newCase.markings.handling', rule: 'isArray' }]),
    );
  });

  it('puts the field path and the rule in the message', () => {
    expect(() => validateInput(OpenCaseInput, { kind: 'TRAFFICKING', title: 't', markings: { tlp: 'PINK', handling: [] } })).toThrow(
      /^invalid OpenCaseInput: markings\.tlp: tlp must be one of the following values: .* \[isIn\]$/,
    );
  });
});
