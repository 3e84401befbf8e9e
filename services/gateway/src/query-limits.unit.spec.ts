import { DEFAULT_QUERY_LIMITS, resolveQueryLimits } from './query-limits';

describe('resolveQueryLimits', () => {
  it('defaults to depth 10, 30 aliases, 5000 tokens, cost 5000 and 50 directives', () => {
    expect(resolveQueryLimits()).toEqual({ maxDepth: 10, maxAliases: 30, maxTokens: 5000, maxCost: 5000, maxDirectives: 50 });
    expect(resolveQueryLimits()).toEqual(DEFAULT_QUERY_LIMITS);
  });

  it('overrides what is given and keeps the rest', () => {
    expect(resolveQueryLimits({ maxDepth: 15, maxCost: undefined })).toEqual({ ...DEFAULT_QUERY_LIMITS, maxDepth: 15 });
  });

  it('refuses limits that are not positive integers', () => {
    expect(() => resolveQueryLimits({ maxAliases: 0 })).toThrow('Query limit maxAliases must be a positive integer, not 0');
    expect(() => resolveQueryLimits({ maxTokens: 1.5 })).toThrow(/maxTokens/);
    expect(() => resolveQueryLimits({ maxDepht: 3 } as never)).toThrow('Unknown query limit maxDepht');
  });
});
