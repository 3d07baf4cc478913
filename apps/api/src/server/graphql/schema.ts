import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeExecutableSchema, type IExecutableSchemaDefinition } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';

/**
 * `@complexity(value: 5, multipliers: ["first"])` on a field sets its cost for the complexity
 * limit: `value` per item, multiplied by the named arguments (page sizes). Fields without it cost 1.
 * Declared here unless the SDL declares it itself.
 */
/** A graphql-tools resolver map, or several to be merged. */
export type ResolverMap = NonNullable<IExecutableSchemaDefinition['resolvers']>;

export const COMPLEXITY_DIRECTIVE_SDL = 'directive @complexity(value: Int!, multipliers: [String!]) on FIELD_DEFINITION';

/** The SDL files of a directory, in name order. */
export function loadSdlFiles(directory: string): string[] {
  if (!existsSync(directory)) throw new Error(`GraphQL schema directory ${directory} does not exist`);
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.graphql'))
    .sort();
  if (files.length === 0) throw new Error(`GraphQL schema directory ${directory} holds no *.graphql file`);
  return files.map((name) => readFileSync(path.join(directory, name), 'utf8'));
}

/** `<project root>/schema`, found by walking up from this file (works from sources and from dist/). */
export function defaultSchemaDirectory(start: string = __dirname): string {
  for (let directory = start; ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'package.json')) && existsSync(path.join(directory, 'schema'))) return path.join(directory, 'schema');
    if (path.dirname(directory) === directory) throw new Error(`no project root with a schema/ directory above ${start}`);
  }
}

export function buildLedgerSchema(typeDefs: readonly string[], resolvers: ResolverMap): GraphQLSchema {
  const declaresComplexity = typeDefs.some((sdl) => /directive\s+@complexity\b/.test(sdl));
  return makeExecutableSchema({
    typeDefs: declaresComplexity ? [...typeDefs] : [COMPLEXITY_DIRECTIVE_SDL, ...typeDefs],
    resolvers,
    resolverValidationOptions: { requireResolversToMatchSchema: 'error', requireResolversForResolveType: 'error' },
  });
}
