import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function badLong(value: unknown): GraphQLError {
  return new GraphQLError(`Long must be an integer from 0 to ${Number.MAX_SAFE_INTEGER} (got ${JSON.stringify(value)})`, {
    extensions: { code: 'BAD_USER_INPUT', rule: 'long.safe-non-negative-integer' },
  });
}

function asLong(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw badLong(value);
  return value;
}

/** Global positions (EventStoreDB's are byte offsets, well beyond 32 bits) as plain JSON numbers. */
export const LongScalar = new GraphQLScalarType({
  name: 'Long',
  description: 'A non-negative integer up to 2^53 − 1, sent as a JSON number.',
  serialize: asLong,
  parseValue: asLong,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT) throw badLong(ast.kind === Kind.STRING ? ast.value : ast.kind);
    return asLong(Number(ast.value));
  },
});

/** An event's data, sent as it is stored. Only ever an answer, never an argument. */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: () => {
    throw new GraphQLError('JSON is only used in answers', { extensions: { code: 'BAD_USER_INPUT', rule: 'json.output-only' } });
  },
  parseLiteral: () => {
    throw new GraphQLError('JSON is only used in answers', { extensions: { code: 'BAD_USER_INPUT', rule: 'json.output-only' } });
  },
});
