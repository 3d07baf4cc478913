/**
 * GraphQL documents an attacker or a broken client might send, generated from the served schema:
 * random selection sets (real and made-up fields, aliases, fragments, arguments of the right and
 * of the wrong type, nesting past the limits), and valid documents damaged character by character.
 */
import { randomUUID } from 'node:crypto';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import { Random } from '../../../apps/soak/src/workload/random';

const JUNK_LITERALS = ['42', '-1', '3.5e308', '99999999999999999999', 'true', 'null', '[]', '[1, "a", null]', '{ a: 1 }', '{}', 'NOT_A_VALUE', '""', '"\\u0000"', '$undefinedVariable'];
const TEXTS = ['x', '', ' ', 'a'.repeat(300), "'; DROP TABLE ledger_events; --", '<script>alert(1)</script>', '../../etc/passwd', '🧑‍🤝‍🧑', '\u202eevil', 'null', '%', '__proto__'];

/** A random operation (query, mutation or subscription) over `schema`, from `seed`. */
export function randomOperation(schema: GraphQLSchema, seed: number): string {
  const random = new Random(seed);
  const kind = random.weighted([
    ['query', 15],
    ['mutation', 4],
    ['subscription', 1],
  ] as const);
  const root = kind === 'query' ? schema.getQueryType() : kind === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) throw new Error(`the schema has no ${kind} type`);
  const maxDepth = random.integer(2, 14);
  const name = random.chance(0.5) ? ` Op${random.integer(0, 999)}` : '';
  return `${kind}${name} ${selectionSet(schema, root, random, 1, maxDepth)}`;
}

function selectionSet(schema: GraphQLSchema, type: GraphQLNamedType, random: Random, depth: number, maxDepth: number): string {
  const selections: string[] = [];
  const count = random.integer(1, 4);
  for (let index = 0; index < count; index += 1) selections.push(selection(schema, type, random, depth, maxDepth));
  return `{ ${selections.join(' ')} }`;
}

function selection(schema: GraphQLSchema, type: GraphQLNamedType, random: Random, depth: number, maxDepth: number): string {
  if (random.chance(0.05)) return '__typename';
  if (random.chance(0.05)) return `madeUpField${random.integer(0, 99)}`;
  if (isUnionType(type) || (isInterfaceType(type) && random.chance(0.5))) {
    const possible = schema.getPossibleTypes(type);
    const target = possible.length > 0 ? random.pick(possible) : undefined;
    return target ? `... on ${target.name} ${selectionSet(schema, target, random, depth, maxDepth)}` : '__typename';
  }
  if (!isObjectType(type) && !isInterfaceType(type)) return '__typename';
  const field = random.pick(Object.values((type as GraphQLObjectType).getFields()));
  const alias = random.chance(0.15) ? `a${random.integer(0, 999)}: ` : '';
  const args = argumentsOf(field, random);
  const named = getNamedType(field.type);
  if (isLeafType(named)) return `${alias}${field.name}${args}${random.chance(0.03) ? ' { id }' : ''}`;
  // Past the depth this document aims for, an object field is sometimes left without a selection.
  if (depth >= maxDepth) return random.chance(0.5) ? `${alias}${field.name}${args}` : `${alias}${field.name}${args} { __typename }`;
  return `${alias}${field.name}${args} ${selectionSet(schema, named, random, depth + 1, maxDepth)}`;
}

function argumentsOf(field: GraphQLField<unknown, unknown>, random: Random): string {
  const parts: string[] = [];
  for (const arg of field.args) {
    if (random.chance(isNonNullType(arg.type) ? 0.05 : 0.5)) continue;
    parts.push(`${arg.name}: ${valueLiteral(arg.type, random, 0)}`);
  }
  if (random.chance(0.05)) parts.push(`bogus: ${random.pick(JUNK_LITERALS)}`);
  return parts.length === 0 ? '' : `(${parts.join(', ')})`;
}

/** A literal for an input type: usually of the right shape, sometimes junk. */
export function valueLiteral(type: GraphQLInputType, random: Random, depth: number): string {
  if (random.chance(0.1) || depth > 6) return random.pick(JUNK_LITERALS);
  if (isNonNullType(type)) return valueLiteral(type.ofType, random, depth);
  if (isListType(type)) return `[${Array.from({ length: random.integer(0, 3) }, () => valueLiteral(type.ofType, random, depth + 1)).join(', ')}]`;
  if (isEnumType(type)) return random.chance(0.9) ? random.pick(type.getValues()).name : 'NOT_A_MEMBER';
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => random.chance(isNonNullType(field.type) ? 0.9 : 0.4));
    return `{ ${fields.map((field) => `${field.name}: ${valueLiteral(field.type, random, depth + 1)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return JSON.stringify(random.chance(0.6) ? randomUUID() : random.pick(['es-ucrif', 'it-sco', '', 'UPPER', 'a'.repeat(80), '../x']));
      case 'Int':
        return String(random.pick([0, 1, -1, 20, 101, 2147483647, 2147483648, -2147483649]));
      case 'Float':
        return String(random.pick([0, 0.5, -3, 1e13, 1e308, 12.34567]));
      case 'Boolean':
        return random.chance(0.5) ? 'true' : 'false';
      case 'Date':
        return JSON.stringify(random.pick(['2025-02-30', '2025-01-01', 'yesterday', '0000-00-00', '2025-1-1']));
      case 'DateTime':
        return JSON.stringify(random.pick(['2025-01-01T00:00:00.000Z', 'not a time', '2025-13-01T00:00:00Z']));
      default:
        return JSON.stringify(random.pick(TEXTS));
    }
  }
  return 'null';
}

/** Ways a document gets damaged: characters deleted, duplicated, inserted, swapped, or the text cut. */
const DAMAGING_CHARACTERS = ['{', '}', '(', ')', '[', ']', ':', '$', '@', '!', '.', '"', '\\', '#', ',', '\n', '...', 'fragment', 'on', '\u0000', '\ud800', '💥'];

/** `document` with `steps` random edits, from `seed`. */
export function damagedDocument(document: string, seed: number, steps: number): string {
  const random = new Random(seed);
  let text = document;
  for (let step = 0; step < steps; step += 1) {
    const at = random.integer(0, text.length);
    const length = random.integer(1, 12);
    switch (random.integer(0, 4)) {
      case 0:
        text = text.slice(0, at) + text.slice(at + length);
        break;
      case 1:
        text = text.slice(0, at) + text.slice(at, at + length).repeat(random.integer(2, 5)) + text.slice(at);
        break;
      case 2:
        text = text.slice(0, at) + random.pick(DAMAGING_CHARACTERS) + text.slice(at);
        break;
      case 3: {
        const other = random.integer(0, text.length);
        const [a, b] = [Math.min(at, other), Math.max(at, other)];
        text = text.slice(0, a) + text.slice(b, b + length) + text.slice(a + length, b) + text.slice(a, a + length) + text.slice(b + length);
        break;
      }
      default:
        text = text.slice(0, at);
    }
  }
  return text;
}
