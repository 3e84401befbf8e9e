import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ValidationContext } from 'graphql';

/** What one operation may ask of the gateway. Checked before anything is sent to a subgraph. */
export interface QueryLimits {
  /** Nesting of selection sets (fragments count as a level); introspection (`__schema`) is exempt. */
  maxDepth: number;
  /** Aliased fields (`__typename` aliases are free). */
  maxAliases: number;
  /** Lexical tokens of the whole document, counted while parsing: parsing stops at the limit. */
  maxTokens: number;
  /** graphql-armor's cost: 1 per scalar, 2 per object, ×1.5 per level of depth, × `first`/`last`; introspection exempt. */
  maxCost: number;
  /** Directives used in the operation. */
  maxDirectives: number;
}

export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = { maxDepth: 10, maxAliases: 30, maxTokens: 5000, maxCost: 5000, maxDirectives: 50 };

/** The `extensions.code` of each refusal; stable, part of the API. */
export const QUERY_LIMIT_CODES = {
  maxDepth: 'QUERY_TOO_DEEP',
  maxAliases: 'TOO_MANY_ALIASES',
  maxTokens: 'TOO_MANY_TOKENS',
  maxCost: 'QUERY_TOO_COMPLEX',
  maxDirectives: 'TOO_MANY_DIRECTIVES',
} as const satisfies Record<keyof QueryLimits, string>;

export function resolveQueryLimits(overrides: Partial<QueryLimits> = {}): QueryLimits {
  const limits = { ...DEFAULT_QUERY_LIMITS };
  for (const [name, value] of Object.entries(overrides) as [keyof QueryLimits, number | undefined][]) {
    if (value === undefined) continue;
    if (!(name in DEFAULT_QUERY_LIMITS)) throw new Error(`Unknown query limit ${name}`);
    if (!Number.isInteger(value) || value < 1) throw new Error(`Query limit ${name} must be a positive integer, not ${value}`);
    limits[name] = value;
  }
  return limits;
}

/**
 * graphql-armor's envelop plugins, answering each refusal with its own code. The validation limits (depth,
 * aliases, cost, directives) report a validation error, so the operation is never executed; the token limit
 * throws from the parser, so an over-long document is not even parsed to the end.
 */
export function queryLimitPlugins(limits: QueryLimits, { hideFieldSuggestions }: { hideFieldSuggestions: boolean }): GatewayPlugin[] {
  const armor = new EnvelopArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, ...refusingWith(QUERY_LIMIT_CODES.maxDepth) },
    maxAliases: { n: limits.maxAliases, ...refusingWith(QUERY_LIMIT_CODES.maxAliases) },
    maxTokens: { n: limits.maxTokens, ...refusingWith(QUERY_LIMIT_CODES.maxTokens) },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, ...refusingWith(QUERY_LIMIT_CODES.maxCost) },
    maxDirectives: { n: limits.maxDirectives, ...refusingWith(QUERY_LIMIT_CODES.maxDirectives) },
    // "Did you mean …?" in validation errors would tell a production caller what introspection no longer does.
    blockFieldSuggestion: { enabled: hideFieldSuggestions },
  });
  // Plain envelop plugins (parse and validate hooks only); typed for an empty context, which the cast widens.
  return armor.protect().plugins as GatewayPlugin[];
}

// graphql-armor's own errors carry no code and a misleading "Syntax Error:" prefix: report ours instead (with the
// cost rounded up: "found 5147.41015625" says no more than "found 5148").
function refusingWith(code: string) {
  return {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const message = error.message.replace(/^Syntax Error: /, '').replace(/\d+\.\d+/g, (n) => String(Math.ceil(Number(n))));
        const refusal = new GraphQLError(message, { extensions: { code } });
        // Validation rules get a context to report to; the token limit runs inside the parser and has none.
        if (context) context.reportError(refusal);
        else throw refusal;
      },
    ],
  };
}
