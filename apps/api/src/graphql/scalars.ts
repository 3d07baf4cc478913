import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * DateTime and Date travel as strings. Inputs are only checked to be strings here: the command
 * validation checks their format and names the field and rule it broke, like for any other field.
 */
function stringScalar(name: string, description: string): GraphQLScalarType {
  return new GraphQLScalarType({
    name,
    description,
    serialize: (value) => {
      if (typeof value === 'string') return value;
      if (value instanceof Date) return name === 'Date' ? value.toISOString().slice(0, 10) : value.toISOString();
      throw new GraphQLError(`${name} cannot represent ${typeof value}`);
    },
    parseValue: (value) => {
      if (typeof value !== 'string') throw new GraphQLError(`${name} must be a string`, { extensions: { code: 'BAD_USER_INPUT' } });
      return value;
    },
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string`, { nodes: [ast], extensions: { code: 'BAD_USER_INPUT' } });
      return ast.value;
    },
  });
}

export const scalarResolvers = {
  DateTime: stringScalar('DateTime', 'An instant, ISO-8601 with milliseconds in UTC.'),
  Date: stringScalar('Date', 'A calendar date, YYYY-MM-DD (UTC).'),
};
