import { GraphQLScalarType, Kind } from 'graphql';

/**
 * A calendar date, `YYYY-MM-DD`: one definition for every subgraph, since the supergraph merges the scalar by name.
 * It passes strings through; the domain checks them, so a bad date is a VALIDATION_FAILED issue naming its field
 * (like every other invalid value), not a bare coercion error.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date as YYYY-MM-DD, with no time or time zone.',
  serialize: (value) => String(value),
  parseValue: (value) => String(value),
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? ast.value : String((ast as { value?: unknown }).value)),
});
