import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildLedgerSchema, defaultSchemaDirectory, loadSdlFiles } from './schema';

describe('schema loading', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ledger-sdl-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the *.graphql files of a directory in name order', () => {
    writeFileSync(path.join(dir, 'b.graphql'), 'extend type Query { b: Int }');
    writeFileSync(path.join(dir, 'a.graphql'), 'type Query { a: Int }');
    writeFileSync(path.join(dir, 'notes.md'), '# not SDL');
    expect(loadSdlFiles(dir)).toEqual(['type Query { a: Int }', 'extend type Query { b: Int }']);
  });

  it('says so when the directory is missing or empty', () => {
    expect(() => loadSdlFiles(dir)).toThrow(`GraphQL schema directory ${dir} holds no *.graphql file`);
    expect(() => loadSdlFiles(path.join(dir, 'nope'))).toThrow('does not exist');
  });

  it('finds the project schema directory from here', () => {
    expect(defaultSchemaDirectory()).toBe(path.resolve(__dirname, '../../../../../schema'));
  });

  it('declares @complexity for the SDL and rejects resolvers for fields the SDL lacks', () => {
    const sdl = 'type Query { items(first: Int = 5): [Int!]! @complexity(value: 2, multipliers: ["first"]) }';
    const schema = buildLedgerSchema([sdl], { Query: { items: () => [1] } });
    expect(schema.getDirective('complexity')).toBeDefined();
    expect(() => buildLedgerSchema([sdl], { Query: { items: () => [], missing: () => 1 } })).toThrow(/Query.missing defined in resolvers, but not in schema/);
  });
});
