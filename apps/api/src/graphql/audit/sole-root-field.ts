import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { badInput } from '../api-errors';

/**
 * Refuses to resolve `info`'s field unless it is the only field its operation selects at the root
 * (`__typename` aside; through fragments too; selections GraphQL merges under one response key
 * count once). A field that puts past views in the request's place needs this: any other root
 * field would otherwise read from them.
 */
export function requireSoleRootField(info: GraphQLResolveInfo, rule: string): void {
  const keys = rootResponseKeys(info.operation.selectionSet, info.fragments, new Set(), new Set());
  if (keys.size !== 1) {
    throw badInput(info.fieldName, rule, `must be the only field of its operation (this one selects ${[...keys].join(', ')}); send other fields in a separate operation`);
  }
}

function rootResponseKeys(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, visited: Set<string>, keys: Set<string>): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') keys.add(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      rootResponseKeys(selection.selectionSet, fragments, visited, keys);
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment === undefined || visited.has(selection.name.value)) continue;
      visited.add(selection.name.value);
      rootResponseKeys(fragment.selectionSet, fragments, visited, keys);
    }
  }
  return keys;
}
