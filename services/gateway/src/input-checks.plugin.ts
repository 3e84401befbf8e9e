import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, getVariableValues, GraphQLError, Kind, visit, type ASTNode, type DocumentNode, type ExecutionResult } from 'graphql';
import { excerpt } from '@growth/service-kit';

/** The largest `first`/`last` any list of the API serves; each list may allow less (and says so, naming the argument). */
export const MAX_PAGE_SIZE = 500;

/** Text PostgreSQL cannot store, and characters that make a name display as something it is not. */
const UNSTORABLE = [
  { pattern: /\u0000/, message: 'must not contain a NUL character' },
  { pattern: /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/, message: 'must be valid Unicode text (it contains a lone surrogate)' },
  { pattern: /[\u202a-\u202e\u2066-\u2069]/, message: 'must not contain bidirectional override or isolate characters' },
];

interface Issue {
  readonly path: string;
  readonly message: string;
}

const badUserInput = (message: string) =>
  // `spec`: GraphQL over HTTP answers a request error with 400, except to a client that accepts only application/json.
  new GraphQLError(excerpt(message), { extensions: { code: 'BAD_USER_INPUT', http: { spec: true, status: 400 } } });

const validationFailed = (issues: readonly Issue[]) =>
  new GraphQLError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), { extensions: { code: 'VALIDATION_FAILED', issues } });

/**
 * Checks a request makes before anything reaches a subgraph, answered with codes a client can act on:
 * - a page size out of range names its argument (`first`), instead of surfacing as a cost refusal;
 * - variables that do not fit their types (wrong type, missing, null, unknown field, overflow, bad enum) are
 *   `BAD_USER_INPUT` with graphql-js's message, HTTP 400 for `application/graphql-response+json`;
 * - text PostgreSQL cannot store (NUL, lone surrogates) and bidirectional overrides, in variables or literals, are
 *   `VALIDATION_FAILED` naming the field's path.
 */
export function inputChecksPlugin(): GatewayPlugin {
  return {
    // Before the query limits' validation rules: this result replaces validation, so the caller sees one clear error.
    onValidate({ params, setResult }) {
      const issues = pageSizeIssues(params.documentAST);
      if (issues.length > 0) setResult([validationFailed(issues)]);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return;
      const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], (args.variableValues ?? {}) as Record<string, unknown>, { maxErrors: 20 });
      if (coerced.errors) {
        setResultAndStopExecution({ errors: coerced.errors.map((e) => badUserInput(e.message)) } as ExecutionResult);
        return;
      }
      const issues = [...textIssues(coerced.coerced, []), ...literalTextIssues(args.document)];
      if (issues.length > 0) setResultAndStopExecution({ errors: [validationFailed(issues)] } as ExecutionResult);
    },
  };
}

const textProblem = (text: string): string | undefined => UNSTORABLE.find((u) => u.pattern.test(text))?.message;

function textIssues(value: unknown, path: readonly string[]): Issue[] {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [{ path: path.join('.'), message: problem }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => textIssues(item, [...path.slice(0, -1), `${path.at(-1) ?? ''}[${i}]`]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => textIssues(item, [...path, key]));
  return [];
}

/** The argument and input-object fields a literal sits in: `input.clusters.name`. */
const pathOf = (ancestors: ReadonlyArray<ASTNode | readonly ASTNode[]>): string =>
  ancestors
    .flatMap((a) => ('kind' in a && (a.kind === Kind.ARGUMENT || a.kind === Kind.OBJECT_FIELD) ? [a.name.value] : []))
    .join('.');

function literalTextIssues(document: DocumentNode): Issue[] {
  const issues: Issue[] = [];
  visit(document, {
    StringValue(node, _key, _parent, _path, ancestors) {
      const problem = textProblem(node.value);
      if (problem) issues.push({ path: pathOf(ancestors), message: problem });
    },
  });
  return issues;
}

function pageSizeIssues(document: DocumentNode): Issue[] {
  const issues: Issue[] = [];
  visit(document, {
    Argument(node, _key, _parent, _path, ancestors) {
      if ((node.name.value !== 'first' && node.name.value !== 'last') || node.value.kind !== Kind.INT) return;
      const size = Number(node.value.value);
      const field = [...ancestors].reverse().find((a): a is ASTNode & { kind: Kind.FIELD; name: { value: string } } => 'kind' in a && a.kind === Kind.FIELD);
      if (size < 1 || size > MAX_PAGE_SIZE) issues.push({ path: node.name.value, message: `must be between 1 and ${MAX_PAGE_SIZE}${field ? ` (on ${field.name.value})` : ''}` });
    },
  });
  return issues;
}
