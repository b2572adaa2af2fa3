/**
 * The words of the schema check's messages: what a schema node expects, what was written instead
 * and how to fix it. The guidance for a string syntax comes from the failing field itself
 * (`x-guide`, ./schema/fields.ts); everything else is read from the node's keywords.
 */
import { CUSTOMER_SCHEMA_NODE, branchFor, isRecord } from './schema';
import type { SchemaNode } from './schema';
import { guideOf } from './schema/builder';
import { suggest } from './suggest';
import { orList, type OrListOptions } from '../text/or-list';

/** Enumerations in messages read `a or b`, or `one of a, b, c` (long lists lose a final "or"). */
export const ONE_OF: OrListOptions = { many: 'one of' };

export function unknownKeyMessage(
  key: string,
  parentPath: (string | number)[],
  doc: unknown,
  parent: SchemaNode | undefined,
): string {
  const known = Object.keys(parent?.properties ?? {});
  const near = suggest(key, known);
  if (near) return `is not a known key; did you mean ${near}?`;
  // A key that belongs to the other connectivity type is a classic copy-paste slip.
  if (parentPath.length === 1 && parentPath[0] === 'connectivity') {
    const connectivity = CUSTOMER_SCHEMA_NODE.properties!.connectivity;
    const current = isRecord(doc) && isRecord(doc.connectivity) ? doc.connectivity.type : undefined;
    const other = connectivity.oneOf!.find(
      (b) => b.properties?.type?.const !== current && b.properties?.[key],
    );
    if (other)
      return `is a ${other.properties!.type!.const} setting, but connectivity.type is ${String(current)}; remove it`;
  }
  return `is not a known key; expected one of ${known.join(', ')}`;
}

export function wrongTypeMessage(
  value: unknown,
  node: SchemaNode | undefined,
  name: string | undefined,
  written: string | undefined,
  path: readonly (string | number)[],
): string {
  const want = node ? expected(node) : 'another type';
  const scalar = value !== null && value !== undefined && typeof value !== 'object';
  const head = `${scalar ? `${show(value, written)} ` : ''}${typeName(value)}; expected ${want}`;
  const types = node ? ([] as string[]).concat((node.type as string | string[] | undefined) ?? []) : [];
  const writeAs = (v: string) =>
    name !== undefined && typeof path[path.length - 1] === 'string' ? `write ${name}: ${v}` : `write ${v}`;

  if (typeof value === 'string' && (types.includes('integer') || types.includes('number'))) {
    const n = value.trim();
    if (/^-?[0-9]+$/.test(n)) return `${head}: ${writeAs(String(Number(n)))}`;
  }
  if (typeof value === 'string' && types.includes('boolean')) {
    const yes = /^(yes|y|on|true|True|TRUE|Yes|YES|On|ON)$/.test(value);
    const no = /^(no|n|off|false|False|FALSE|No|NO|Off|OFF)$/.test(value);
    if (yes || no) return `${head}: ${writeAs(String(yes))}`;
    return `${head}: ${writeAs('true')} or ${writeAs('false')}`;
  }
  if (typeof value === 'number' && types.includes('string')) {
    const text = written ?? String(value);
    const quoted = guideOf(node)?.quoted?.(text) ?? { value: `"${text}"`, note: '' };
    return `${head}: quote it, ${writeAs(quoted.value)}${quoted.note}`;
  }
  if (typeof value === 'boolean' && types.includes('string')) {
    return `${head}: quote it, ${writeAs(`"${written ?? String(value)}"`)}`;
  }
  if (types.includes('array') && value !== null && typeof value !== 'object') {
    return `${head}: ${writeAs(`[${written ?? String(value)}]`)}`;
  }
  if (types.includes('object') && value === null && node?.required?.length) {
    return `${head}: add ${node.required.filter((k) => k !== 'type' || path.length === 0).join(', ')} under it`;
  }
  return head;
}

/** The message for a value that does not match its field's pattern: the field's guidance and a fix. */
export function patternMessage(
  node: SchemaNode | undefined,
  value: string,
  pattern: string,
): {
  readonly code: string;
  readonly message: string;
} {
  const guide = guideOf(node);
  if (!guide) return { code: 'INVALID_VALUE', message: `${show(value)} does not match ${pattern}` };
  const fixed = guide.fix?.(value);
  let tail = '';
  if (fixed !== undefined && guide.offer) tail = guide.offer(fixed);
  else if (fixed !== undefined && fixed !== value) tail = `: did you mean ${fixed}?`;
  return { code: guide.code, message: `${show(value)} is not valid; expected ${guide.expected}${tail}` };
}

/** What a schema node wants, in words. */
export function expected(node: SchemaNode): string {
  const resolved = branchFor(node, undefined);
  if (resolved.enum) {
    const values = resolved.enum.map(String);
    return resolved.type === 'integer' ? `the number ${orList(values, ONE_OF)}` : orList(values, ONE_OF);
  }
  if (resolved.const !== undefined) return String(resolved.const);
  if (resolved.oneOf)
    return `a mapping whose type is ${orList(
      resolved.oneOf.map((b) => String(b.properties?.type?.const)),
      ONE_OF,
    )}`;
  const guide = guideOf(resolved);
  if (guide) return guide.expected;
  const types = ([] as string[]).concat((resolved.type as string | string[] | undefined) ?? []);
  switch (types[0]) {
    case 'string':
      return `a string of ${lengthText(resolved.minLength, resolved.maxLength, 'characters')}`;
    case 'integer':
      return `a whole number ${rangeText(resolved)}`.trim();
    case 'boolean':
      return 'true or false';
    case 'array':
      if (resolved.examples?.length) return `a list such as ${yamlInline(resolved.examples[0])}`;
      if (resolved.items?.enum) return `a list of ${orList(resolved.items.enum.map(String), ONE_OF)}`;
      return 'a list';
    case 'object': {
      const keys = Object.keys(resolved.properties ?? {});
      return keys.length ? `a mapping with keys such as ${keys.slice(0, 4).join(', ')}` : 'a mapping';
    }
    default:
      return 'a value';
  }
}

export function rangeText(node: SchemaNode | undefined): string {
  const min = node?.minimum;
  const max = node?.maximum;
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
  if (min !== undefined) return `of at least ${min}`;
  if (max !== undefined) return `of at most ${max}`;
  return '';
}

export function lengthText(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined)
    return min === max ? `exactly ${min} ${unit}` : `${min} to ${max} ${unit}`;
  if (min !== undefined)
    return `at least ${min} ${min === 1 ? unit.replace(/ies$/, 'y').replace(/s$/, '') : unit}`;
  if (max !== undefined) return `at most ${max} ${unit}`;
  return `any number of ${unit}`;
}

/**
 * Keys whose value belongs to one customer and must differ between files (ORG_ID_DUPLICATE): their
 * fix says where the value comes from instead of quoting the schema's example.
 */
export const OWN_VALUE_KEYS: Readonly<Record<string, string>> = {
  orgId: "<this customer's own UUID>",
};

export function exampleOf(node: SchemaNode): string | undefined {
  const resolved = branchFor(node, undefined);
  if (resolved.examples?.length) return yamlInline(resolved.examples[0]);
  if (resolved.enum?.length) return resolved.enum.map(String).join(' or ');
  return undefined;
}

function yamlInline(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(yamlInline).join(', ')}]`;
  // Quote strings that YAML would otherwise read as another type (account ids are digits).
  if (typeof v === 'string') return /^[0-9]+$/.test(v) ? `"${v}"` : v;
  return String(v);
}

export function keyName(path: readonly (string | number)[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

export function valueAt(doc: unknown, path: readonly (string | number)[]): unknown {
  let cursor = doc;
  for (const segment of path) {
    if (Array.isArray(cursor) && typeof segment === 'number') cursor = cursor[segment];
    else if (isRecord(cursor)) cursor = cursor[String(segment)];
    else return undefined;
  }
  return cursor;
}

/** The value as the user wrote it, short: strings quoted, numbers as written, collections by kind. */
export function show(value: unknown, written?: string): string {
  if (typeof value === 'string') {
    const s = JSON.stringify(value);
    return s.length > 60 ? `${s.slice(0, 57)}..."` : s;
  }
  if (typeof value === 'number') return written && written.length <= 40 ? written : String(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'the empty value';
  return Array.isArray(value) ? 'the list' : 'the mapping';
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'is empty';
  if (Array.isArray(value)) return 'is a list';
  if (typeof value === 'object') return 'is a mapping';
  if (typeof value === 'boolean') return 'is a boolean';
  return `is a ${typeof value}`;
}
