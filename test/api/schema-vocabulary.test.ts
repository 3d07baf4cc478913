import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  AGENCY_KINDS,
  AGREEMENT_STATUSES,
  AUDIT_SCOPES,
  CASE_KINDS,
  CASE_STATUSES,
  CLUE_KINDS,
  CLUE_STATUSES,
  DATA_CATEGORIES,
  HANDLING_CODES,
  IDENTIFICATION_OUTCOMES,
  INFORMATION_CREDIBILITY,
  LEAD_OUTCOMES,
  ORGANISATION_KINDS,
  PERSON_ROLES,
  ROLES,
  SOURCE_RELIABILITY,
  TLP_LEVELS,
  TRAVEL_METHODS,
} from '@ledger/domain/shared/vocabulary';
import { COMMAND_HANDLERS } from '@ledger/commands';
import { buildSchema, type GraphQLEnumType, isEnumType } from 'graphql';
import { enumResolvers } from '../../apps/api/src/graphql/enum-values';

/** The SDL's enums are the ledger's vocabulary, and every command has its mutation. */
describe('schema and vocabulary', () => {
  const directory = path.join(__dirname, '../../schema');
  const sdl = readdirSync(directory)
    .filter((name) => name.endsWith('.graphql'))
    .map((name) => readFileSync(path.join(directory, name), 'utf8'))
    .join('\n');
  const schema = buildSchema(sdl);
  const valuesOf = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((value) => value.name);

  it.each([
    ['Tlp', TLP_LEVELS],
    ['HandlingCode', HANDLING_CODES],
    ['SourceReliability', SOURCE_RELIABILITY],
    ['DataCategory', DATA_CATEGORIES],
    ['CaseKind', CASE_KINDS],
    ['Role', ROLES],
    ['AuditScope', AUDIT_SCOPES],
    ['AgencyKind', AGENCY_KINDS],
    ['PersonRole', PERSON_ROLES],
    ['OrganisationKind', ORGANISATION_KINDS],
    ['TravelMethod', TRAVEL_METHODS],
    ['AgreementStatus', AGREEMENT_STATUSES],
    ['CaseStatus', CASE_STATUSES],
    ['ClueKind', CLUE_KINDS],
    ['ClueStatus', CLUE_STATUSES],
    ['ClueOutcome', [...IDENTIFICATION_OUTCOMES, ...LEAD_OUTCOMES]],
  ])('enum %s matches the vocabulary', (name, values) => {
    expect(isEnumType(schema.getType(name))).toBe(true);
    expect(valuesOf(name)).toEqual([...values]);
  });

  it('names the information-credibility grades and maps each to its grade', () => {
    expect(Object.keys(enumResolvers.InformationCredibility)).toEqual(valuesOf('InformationCredibility'));
    expect(Object.values(enumResolvers.InformationCredibility)).toEqual([...INFORMATION_CREDIBILITY]);
  });

  it('has a mutation for every command except bootstrapping the ledger', () => {
    const mutations = new Set(Object.keys(schema.getMutationType()?.getFields() ?? {}));
    const commands = COMMAND_HANDLERS.map((handler) => handler.name.replace(/CommandHandler$/, ''))
      .filter((name) => name !== 'BootstrapLedger')
      .map((name) => name.charAt(0).toLowerCase() + name.slice(1));
    for (const command of commands) expect(mutations).toContain(command);
    // AcceptClue has two forms: into an existing case, or into a case opened for it.
    expect(mutations).toContain('acceptClueIntoNewCase');
    expect(mutations.size).toBe(commands.length + 1);
  });
});
