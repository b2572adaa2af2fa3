/**
 * The schema as published (schema/customer.schema.json): plain JSON Schema for editors, without
 * the `x-guide` annotations (functions and message text that only linkforge reads), keys in one
 * fixed order so the file does not depend on how the builder orders them.
 */
import { GUIDE, type SchemaNode } from './builder';

// The root's identification first, then every node's keys in this order.
const ROOT_KEYS = ['$schema', '$id', '$comment', 'title', 'description'];
const NODE_KEYS = [
  'const',
  'type',
  'enum',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'pattern',
  'items',
  'default',
  'description',
  'discriminator',
  'additionalProperties',
  'required',
  'properties',
  'oneOf',
  'examples',
];
const DROPPED = new Set<string>([GUIDE]);

/** A copy of `node` as JSON: annotations dropped, keys ordered; an unknown keyword is an error. */
export function publishedSchema(node: SchemaNode, root = true): Record<string, unknown> {
  const order = root ? [...ROOT_KEYS, ...NODE_KEYS.filter((k) => !ROOT_KEYS.includes(k))] : NODE_KEYS;
  const unknown = Object.keys(node).filter((k) => !order.includes(k) && !DROPPED.has(k));
  // A new keyword needs a place in the order, or the published file would move keys around.
  if (unknown.length > 0) throw new Error(`publishedSchema: no place for keyword(s) ${unknown.join(', ')}`);
  const out: Record<string, unknown> = {};
  for (const key of order) {
    const value = node[key];
    if (value === undefined) continue;
    if (key === 'properties') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, SchemaNode>).map(([k, v]) => [k, publishedSchema(v, false)]),
      );
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = publishedSchema(value as SchemaNode, false);
    } else if (key === 'oneOf') {
      out[key] = (value as SchemaNode[]).map((v) => publishedSchema(v, false));
    } else {
      out[key] = value;
    }
  }
  return out;
}
