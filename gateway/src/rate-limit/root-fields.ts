import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * How many times the operation runs each root field, by field name. An alias
 * does not hide a field: `a: login(...) b: login(...)` runs `login` twice.
 * Fragments (named or inline) are followed, and selections sharing one
 * response key count once, because GraphQL merges them into one execution.
 *
 * @example rootFieldCounts(parse('mutation { a: login(input: $a) { user { id } } b: login(input: $b) { user { id } } }'), op)
 * // Map { 'login' => 2 }
 */
export function rootFieldCounts(document: DocumentNode, operation: OperationDefinitionNode): Map<string, number> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const responseKeys = new Map<string, Set<string>>();
  collect(operation.selectionSet, fragments, responseKeys, new Set());
  return new Map([...responseKeys].map(([field, keys]) => [field, keys.size]));
}

function collect(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  responseKeys: Map<string, Set<string>>,
  visiting: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = selection.name.value;
      const keys = responseKeys.get(field) ?? new Set<string>();
      keys.add(selection.alias?.value ?? field);
      responseKeys.set(field, keys);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, fragments, responseKeys, visiting);
    } else {
      const fragment = fragments.get(selection.name.value);
      // Validation already refused fragment cycles; the guard only keeps this function total.
      if (!fragment || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      collect(fragment.selectionSet, fragments, responseKeys, visiting);
      visiting.delete(fragment.name.value);
    }
  }
}
