import depthLimit from 'graphql-depth-limit';
import { directiveEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * The limits every operation must pass before any resolver runs, over HTTP and WebSocket alike.
 * Errors carry `extensions.limit` (which limit), `max` and, for complexity, `cost`.
 */

/**
 * Maximum nesting depth, measured by graphql-depth-limit (introspection fields excluded).
 * graphql-depth-limit follows fragment spreads blindly, so documents with unknown or cyclic
 * fragments are left to the standard rules (KnownFragmentNames, NoFragmentCycles), which reject them.
 */
export function maxDepthRule(maxDepth: number): ValidationRule {
  const measure = depthLimit(maxDepth);
  return (context: ValidationContext) => {
    const document = context.getDocument();
    let tooDeep: GraphQLError | undefined;
    try {
      if (!fragmentsAreSound(document)) return {};
      const probe = Object.create(context, {
        reportError: { value: (error: GraphQLError) => (tooDeep ??= error) },
      }) as ValidationContext;
      measure(probe);
    } catch (error) {
      // A document nested or chained beyond what the recursive measure can walk is too deep by far.
      if (!(error instanceof RangeError)) throw error;
      context.reportError(new GraphQLError(`Query is too deep to measure: fields may be nested at most ${maxDepth} levels (LEDGER_MAX_QUERY_DEPTH)`, { extensions: { limit: 'MAX_QUERY_DEPTH', max: maxDepth } }));
      return {};
    }
    if (tooDeep !== undefined) {
      context.reportError(
        new GraphQLError(`Query is too deep: fields may be nested at most ${maxDepth} levels (LEDGER_MAX_QUERY_DEPTH)`, {
          nodes: tooDeep.nodes,
          extensions: { limit: 'MAX_QUERY_DEPTH', max: maxDepth },
        }),
      );
    }
    return {};
  };
}

/** Every spread names a defined fragment and no fragment reaches itself. */
function fragmentsAreSound(document: DocumentNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const spreadsOf = (selectionSet: SelectionSetNode, into: string[]): string[] => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) into.push(selection.name.value);
      else if (selection.selectionSet !== undefined) spreadsOf(selection.selectionSet, into);
    }
    return into;
  };
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): boolean => {
    const fragment = fragments.get(name);
    if (fragment === undefined || state.get(name) === 'visiting') return false;
    if (state.get(name) === 'done') return true;
    state.set(name, 'visiting');
    const sound = spreadsOf(fragment.selectionSet, []).every(visit);
    state.set(name, 'done');
    return sound;
  };
  return document.definitions.every(
    (definition) =>
      (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION) || spreadsOf(definition.selectionSet, []).every(visit),
  );
}

const estimators = [directiveEstimator(), simpleEstimator({ defaultComplexity: 1 })];

/**
 * Throws when the operation's estimated cost exceeds `max`. Fields cost 1 unless the schema says
 * otherwise with `@complexity(value, multipliers)`; list page sizes multiply their subtree.
 */
export function assertComplexityWithin(max: number, schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined): void {
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, estimators, ...(operationName === undefined ? {} : { operationName }), variables: variables ?? {} });
  } catch (error) {
    // Raised for variables that do not coerce; execution would reject them the same way.
    throw new GraphQLError(error instanceof Error ? error.message : String(error), { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  }
  if (cost > max) {
    throw new GraphQLError(`Query is too complex: its estimated cost is ${cost}, the maximum is ${max} (LEDGER_MAX_QUERY_COMPLEXITY)`, {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'MAX_QUERY_COMPLEXITY', cost, max, http: { status: 400 } },
    });
  }
}

/**
 * The root fields an operation selects (through fragments too), to decide whether an
 * anonymous request touches only public fields.
 */
export function rootFieldsOf(operation: OperationDefinitionNode, document: DocumentNode): Set<string> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fields = new Set<string>();
  const seen = new Set<string>();
  const collect = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment !== undefined) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return fields;
}
