import { visit, type ASTNode, type DocumentNode } from 'graphql';

type Described = { description?: { value: string } | undefined; name?: { value: string }; kind: string };

const describedKinds = new Set([
  'ObjectTypeDefinition',
  'InputObjectTypeDefinition',
  'EnumTypeDefinition',
  'InterfaceTypeDefinition',
  'UnionTypeDefinition',
  'ScalarTypeDefinition',
  'FieldDefinition',
  'InputValueDefinition',
  'EnumValueDefinition',
]);

/** Root types need no description of their own; everything else in our SDL does. */
const rootTypes = new Set(['Query', 'Mutation', 'Subscription']);

/** Paths of types, fields, arguments and enum values that lack a description. */
export function undocumented(document: DocumentNode): string[] {
  const missing: string[] = [];
  visit(document, {
    enter(node: ASTNode, _key, _parent, _path, ancestors) {
      const described = node as Described;
      if (!describedKinds.has(node.kind) || described.description) return;
      const names = [...ancestors, node]
        .map((a) => (a as Described).name?.value)
        .filter((n): n is string => Boolean(n));
      if (names.length === 1 && rootTypes.has(names[0]!)) return;
      missing.push(names.join('.'));
    },
  });
  return missing;
}
