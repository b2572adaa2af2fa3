/** Finding the schema node that describes a place in a document (for error messages and docs). */
import type { SchemaNode } from './builder';

/** The schema node at a data path (keys and indexes), following properties, items and the chosen branch. */
export function schemaAt(
  path: readonly (string | number)[],
  data: unknown,
  root: SchemaNode,
): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  let value: unknown = data;
  for (const segment of path) {
    if (!node) return undefined;
    node = branchFor(node, value);
    if (typeof segment === 'number') node = node.items;
    else
      node =
        node.properties?.[segment] ??
        (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
    value = isRecord(value) || Array.isArray(value) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return node && branchFor(node, value);
}

/** For a node with a discriminator, the branch the value's tag selects (else the node itself). */
export function branchFor(node: SchemaNode, value: unknown): SchemaNode {
  if (!node.oneOf || !node.discriminator) return node;
  const tag = isRecord(value) ? value[node.discriminator.propertyName] : undefined;
  return node.oneOf.find((b) => b.properties?.[node.discriminator!.propertyName]?.const === tag) ?? node;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
