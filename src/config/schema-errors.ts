/**
 * The schema check: runs the compiled customer schema on a parsed document and turns ajv's errors
 * into diagnostics a person can act on. Unknown keys point at the key (with "did you mean"),
 * missing keys at their parent's key, everything else at the value. Wrapper noise (oneOf,
 * discriminator) is dropped, a failed regex becomes guidance for that field, and a wrong type says
 * what to write instead. Nothing is coerced.
 */
import { newAjv } from './ajv';
import type { ErrorObject } from 'ajv';
import { MAX_DIAGNOSTICS_PER_FILE, moreDiagnostics, type Diagnostic } from './diagnostics';
import type { FieldPath } from './rules/rule';
import {
  ACCOUNT_ID_PATTERN,
  CIDR_PATTERN,
  CUSTOMER_SCHEMA,
  ID_PATTERN,
  IPV4_PATTERN,
  PORT_RANGE_PATTERN,
  DEVICE_NAME_PATTERN,
  REGION_PATTERN,
  RESOURCE_SHARE_ARN_PATTERN,
  TRANSIT_GATEWAY_ID_PATTERN,
  UUID_PATTERN,
  VPC_ID_PATTERN,
  branchFor,
  isRecord,
  schemaAt,
} from './schema';
import type { SchemaNode } from './schema';
import { COMMERCIAL_REGIONS } from './settings';
import { suggest } from './suggest';
import { formatPath } from './yaml-source';
import type { YamlSource } from './yaml-source';

// Compiled once per process: compiling costs milliseconds, validating a file microseconds.
const ajv = newAjv();
const validateCustomer = ajv.compile(CUSTOMER_SCHEMA);

/**
 * Check a parsed document against the customer schema. `ignoreUnknownKeys` lists paths already
 * reported by a more specific check (e.g. a forbidden `presharedKey`), so they are not reported
 * twice.
 */
export function checkSchema(
  source: YamlSource,
  value: unknown,
  ignoreUnknownKeys: ReadonlySet<string> = new Set(),
): Diagnostic[] {
  if (validateCustomer(value)) return [];
  return mapSchemaErrors(source, value, validateCustomer.errors ?? [], { ignoreUnknownKeys });
}

export interface MapOptions {
  /** The schema the errors come from. @default the customer schema */
  readonly root?: SchemaNode;
  /** Paths (as printed) whose unknown-key error another check already reported. */
  readonly ignoreUnknownKeys?: ReadonlySet<string>;
  /** Code for every diagnostic instead of the per-keyword codes (settings use one code). */
  readonly code?: string;
  /** Describe at most this many, then one MORE_DIAGNOSTICS line. @default MAX_DIAGNOSTICS_PER_FILE */
  readonly limit?: number;
}

export function mapSchemaErrors(
  source: YamlSource,
  value: unknown,
  errors: readonly ErrorObject[],
  options: MapOptions = {},
): Diagnostic[] {
  const root = options.root ?? CUSTOMER_SCHEMA;
  const ignoreUnknownKeys = options.ignoreUnknownKeys ?? new Set<string>();
  // oneOf and discriminator errors only repeat what `type`, `enum` or `required` on
  // connectivity.type already says (ajv reports the chosen branch's own errors as usual).
  const relevant = errors.filter((e) => !['oneOf', 'anyOf', 'discriminator', 'if'].includes(e.keyword));
  const typeFailed = new Set(relevant.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const limit = options.limit ?? MAX_DIAGNOSTICS_PER_FILE;
  for (const [i, error] of relevant.entries()) {
    // A value of the wrong type also fails enum/pattern/range checks; the type is the real problem.
    if (error.keyword !== 'type' && typeFailed.has(error.instancePath)) continue;
    const path = decodePointer(error.instancePath, value);
    if (out.length === limit) {
      // Describing is the costly part: count the rest instead (duplicates included).
      const rest = relevant
        .slice(i)
        .filter((e) => e.keyword === 'type' || !typeFailed.has(e.instancePath)).length;
      out.push(moreDiagnostics(source.file, source.locate(path), rest, 'error', limit));
      break;
    }
    const described = describeError(source, value, error, path, root);
    if (!described) continue;
    const d = options.code ? { ...described, code: options.code } : described;
    if (described.code === 'UNKNOWN_KEY' && ignoreUnknownKeys.has(d.path)) continue;
    const key = `${d.line}:${d.column}:${d.code}:${d.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/**
 * RFC 6901: split on `/`, then unescape `~1` before `~0` (so `~01` is `~1`, not `/`). Segments
 * that index a list become numbers, so paths print as `cidrs[0]`.
 */
export function decodePointer(pointer: string, value: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let cursor: unknown = value;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cursor) && /^(0|[1-9][0-9]*)$/.test(segment)) {
      out.push(Number(segment));
      cursor = cursor[Number(segment)];
    } else {
      out.push(segment);
      cursor = isRecord(cursor) ? cursor[segment] : undefined;
    }
  }
  return out;
}

function describeError(
  source: YamlSource,
  doc: unknown,
  error: ErrorObject,
  path: (string | number)[],
  root: SchemaNode,
): Diagnostic | undefined {
  const value = valueAt(doc, path);
  const node = schemaAt(path, doc, root);
  const at = (p: FieldPath, target: 'key' | 'value' = 'value') => ({
    file: source.file,
    ...source.locate(p, target),
  });
  const diag = (
    code: string,
    p: FieldPath,
    message: string,
    target: 'key' | 'value' = 'value',
  ): Diagnostic => ({
    ...at(p, target),
    severity: 'error',
    code,
    path: formatPath(p),
    message,
  });
  const shown = show(value, source.sourceText(path));
  const name = keyName(path);

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const keyPath = [...path, key];
      return diag('UNKNOWN_KEY', keyPath, unknownKeyMessage(key, path, doc, node), 'key');
    }
    case 'required': {
      const key = String((error.params as { missingProperty: string }).missingProperty);
      const keyPath = [...path, key];
      const missing = schemaAt(keyPath, doc, root);
      // A value that identifies one customer is never suggested: copying the example would repeat
      // another customer's value (the example is a real example file's orgId).
      const own = OWN_VALUE_KEYS[key];
      const example = own ?? (missing ? exampleOf(missing) : undefined);
      const hint = example !== undefined ? `: add ${key}: ${example}` : '';
      return diag(
        'MISSING_KEY',
        keyPath,
        `is missing; expected ${missing ? expected(missing) : 'a value'}${hint}`,
      );
    }
    case 'type':
      return diag('WRONG_TYPE', path, wrongTypeMessage(value, node, name, source.sourceText(path), path));
    case 'enum':
    case 'const': {
      const allowed = (node?.enum ?? (node?.const !== undefined ? [node.const] : [])) as (string | number)[];
      const near = typeof value === 'string' ? suggest(value, allowed.map(String)) : undefined;
      const tail = near ? `; did you mean ${near}?` : '';
      return diag(
        'INVALID_VALUE',
        path,
        `${shown} is not allowed; expected ${orList(allowed.map(String))}${tail}`,
      );
    }
    case 'pattern':
      return patternDiagnostic(diag, path, value as string, (error.params as { pattern: string }).pattern);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return diag('OUT_OF_RANGE', path, `${shown} is out of range; expected ${rangeText(node)}`);
    case 'minLength':
    case 'maxLength': {
      const len = typeof value === 'string' ? [...value].length : 0;
      const got = len === 0 ? 'is empty' : `has ${len} characters`;
      return diag(
        'WRONG_LENGTH',
        path,
        `${got}; expected ${lengthText(node?.minLength, node?.maxLength, 'characters')}`,
      );
    }
    case 'minItems':
    case 'maxItems': {
      const items = Array.isArray(value) ? value.length : 0;
      const got = items === 0 ? 'is an empty list' : `has ${items} ${items === 1 ? 'entry' : 'entries'}`;
      const want = lengthText(node?.minItems, node?.maxItems, 'entries');
      // Too many: point at the first entry over the limit, the natural place to start cutting.
      const where =
        error.keyword === 'maxItems' && node?.maxItems !== undefined ? [...path, node.maxItems] : path;
      return { ...diag('WRONG_LENGTH', path, `${got}; expected ${want}`), ...at(where) };
    }
    case 'uniqueItems': {
      const { i, j } = error.params as { i: number; j: number };
      const [first, second] = i < j ? [i, j] : [j, i];
      const item = Array.isArray(value) ? value[second] : undefined;
      return diag(
        'DUPLICATE_ITEM',
        [...path, second],
        `${show(item)} is listed twice (also at ${formatPath([name ?? '', first]).replace(/^\./, '')}); remove one`,
      );
    }
    default:
      return diag('INVALID_VALUE', path, `${shown} ${error.message ?? 'is not valid'}`);
  }
}

function unknownKeyMessage(
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
    const connectivity = CUSTOMER_SCHEMA.properties!.connectivity;
    const current = isRecord(doc) && isRecord(doc.connectivity) ? doc.connectivity.type : undefined;
    const other = connectivity.oneOf!.find(
      (b) => b.properties?.type?.const !== current && b.properties?.[key],
    );
    if (other)
      return `is a ${other.properties!.type!.const} setting, but connectivity.type is ${String(current)}; remove it`;
  }
  return `is not a known key; expected one of ${known.join(', ')}`;
}

function wrongTypeMessage(
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
    if (node?.pattern === ACCOUNT_ID_PATTERN) {
      const digits = text.replace(/^[+]/, '');
      const padded = /^[0-9]+$/.test(digits) && digits.length < 12 ? digits.padStart(12, '0') : digits;
      const dropped =
        digits.length < 12
          ? ` (${digits.length} digits: leading zeros may have been dropped; check the account id)`
          : ' (an unquoted number loses leading zeros)';
      return `${head}: quote it, ${writeAs(`"${padded}"`)}${dropped}`;
    }
    return `${head}: quote it, ${writeAs(`"${text}"`)}`;
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

interface PatternGuide {
  readonly code: string;
  readonly expected: string;
  /** A corrected value when one can be computed from what was written. */
  readonly fix?: (value: string) => string | undefined;
}

const IPV4_LEADING_ZEROS = (v: string) => v.replace(/(^|\.)0+([0-9])/g, '$1$2');

const PATTERN_GUIDES: Record<string, PatternGuide> = {
  [ID_PATTERN]: {
    code: 'INVALID_ID',
    expected:
      'an id of lowercase letters, digits and hyphens, 1-63 characters, starting and ending with a letter or digit',
    fix: (v) => {
      const slug = v
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 63)
        .replace(/-+$/, '');
      return slug && new RegExp(ID_PATTERN).test(slug) ? slug : undefined;
    },
  },
  [UUID_PATTERN]: {
    code: 'INVALID_ORG_ID',
    // No sample UUID: the schema's example is a real example customer's orgId, and orgIds must be
    // unique across files (ORG_ID_DUPLICATE): a fix must never hand out another customer's value.
    expected: "a UUID (8-4-4-4-12 hex digits): the customer's organisation id in the vendor platform",
    fix: (v) => {
      const inner = v
        .trim()
        .replace(/^[{(]|[})]$/g, '')
        .replace(/^urn:uuid:/i, '');
      return new RegExp(UUID_PATTERN).test(inner) ? inner : undefined;
    },
  },
  [ACCOUNT_ID_PATTERN]: {
    code: 'INVALID_ACCOUNT_ID',
    expected: 'a quoted string of exactly 12 digits',
    fix: (v) => {
      const digits = v.replace(/[\s-]/g, '');
      return /^[0-9]{12}$/.test(digits) ? digits : undefined;
    },
  },
  [VPC_ID_PATTERN]: {
    code: 'INVALID_VPC_ID',
    expected: '`vpc-` then 8 or 17 lowercase hex digits, such as vpc-0a1b2c3d4e5f67890',
    fix: (v) =>
      new RegExp(VPC_ID_PATTERN).test(v.trim().toLowerCase()) ? v.trim().toLowerCase() : undefined,
  },
  [TRANSIT_GATEWAY_ID_PATTERN]: {
    code: 'INVALID_TGW_ID',
    expected: '`tgw-` then 17 lowercase hex digits, such as tgw-0a1b2c3d4e5f67890',
    fix: (v) => {
      const lower = v.trim().toLowerCase();
      return new RegExp(TRANSIT_GATEWAY_ID_PATTERN).test(lower) ? lower : undefined;
    },
  },
  [RESOURCE_SHARE_ARN_PATTERN]: {
    code: 'INVALID_RESOURCE_SHARE_ARN',
    expected:
      'a RAM resource share ARN, arn:aws:ram:<region>:<12-digit account>:resource-share/<lowercase uuid>, as the RAM console shows it',
    fix: (v) => {
      // A UUID in capitals, or stray spaces, is still recognisably the same ARN.
      const m = /^(arn:aws:ram:[^:]+:[0-9]{12}:resource-share\/)(.*)$/.exec(v.trim());
      const fixed = m ? `${m[1]}${m[2].toLowerCase()}` : undefined;
      return fixed && new RegExp(RESOURCE_SHARE_ARN_PATTERN).test(fixed) ? fixed : undefined;
    },
  },
  [REGION_PATTERN]: {
    code: 'INVALID_REGION',
    expected: 'an AWS region code such as eu-west-1',
    fix: (v) => {
      const lower = v.trim().toLowerCase().replace(/_/g, '-');
      if (new RegExp(REGION_PATTERN).test(lower)) return lower;
      // `eu-west-1a` is an availability zone of eu-west-1.
      const zone = lower.replace(/[a-z]$/, '');
      if (new RegExp(REGION_PATTERN).test(zone)) return zone;
      return suggest(lower, COMMERCIAL_REGIONS);
    },
  },
  [IPV4_PATTERN]: {
    code: 'INVALID_IP',
    expected: 'an IPv4 address (four numbers 0-255 without leading zeros, no prefix length)',
    fix: (v) => {
      const bare = IPV4_LEADING_ZEROS(v.trim().replace(/\/32$/, ''));
      return new RegExp(IPV4_PATTERN).test(bare) ? bare : undefined;
    },
  },
  [CIDR_PATTERN]: {
    code: 'INVALID_CIDR',
    expected: 'an IPv4 CIDR, address/prefix with a prefix length 0-32, such as 10.0.0.0/16',
    fix: (v) => {
      const trimmed = IPV4_LEADING_ZEROS(v.trim().replace(/\s+/g, ''));
      if (new RegExp(CIDR_PATTERN).test(trimmed)) return trimmed;
      if (new RegExp(IPV4_PATTERN).test(trimmed)) return `${trimmed}/32`;
      return undefined;
    },
  },
  [DEVICE_NAME_PATTERN]: {
    code: 'INVALID_DEVICE_NAME',
    expected:
      'letters, digits, space, `.`, `_`, `-`, `(` and `)`, starting with a letter or digit (what AWS accepts for a customer gateway device name)',
    fix: (v) => {
      const cleaned = v
        .replace(/[^A-Za-z0-9 ._()-]+/g, '-')
        .replace(/^[^A-Za-z0-9]+/, '')
        .slice(0, 255);
      return cleaned && new RegExp(DEVICE_NAME_PATTERN).test(cleaned) ? cleaned : undefined;
    },
  },
  [PORT_RANGE_PATTERN]: {
    code: 'INVALID_PORT',
    expected: 'a port number 1-65535, or a quoted "from-to" range such as "5432-5433"',
    fix: (v) => {
      const t = v.trim();
      if (/^[0-9]+$/.test(t)) return String(Number(t));
      const m = /^([0-9]+)\s*(?:-|:|\.\.|–)\s*([0-9]+)$/.exec(t);
      return m ? `"${m[1]}-${m[2]}"` : undefined;
    },
  },
};

function patternDiagnostic(
  diag: (code: string, p: FieldPath, message: string) => Diagnostic,
  path: (string | number)[],
  value: string,
  pattern: string,
): Diagnostic {
  const guide = PATTERN_GUIDES[pattern];
  if (!guide) return diag('INVALID_VALUE', path, `${show(value)} does not match ${pattern}`);
  const fixed = guide.fix?.(value);
  let tail = '';
  if (pattern === PORT_RANGE_PATTERN && fixed !== undefined) {
    // A single port is a number: `"443"` is written 443, without quotes.
    tail = /^[0-9]+$/.test(fixed)
      ? `: a single port is a number, write ${fixed} without quotes`
      : `: write ${fixed}`;
  } else if (fixed !== undefined && fixed !== value) {
    tail = `: did you mean ${fixed}?`;
  }
  return diag(guide.code, path, `${show(value)} is not valid; expected ${guide.expected}${tail}`);
}

/** What a schema node wants, in words. */
export function expected(node: SchemaNode): string {
  const resolved = branchFor(node, undefined);
  if (resolved.enum) {
    const values = resolved.enum.map(String);
    return resolved.type === 'integer' ? `the number ${orList(values)}` : orList(values);
  }
  if (resolved.const !== undefined) return String(resolved.const);
  if (resolved.oneOf)
    return `a mapping whose type is ${orList(resolved.oneOf.map((b) => String(b.properties?.type?.const)))}`;
  const types = ([] as string[]).concat((resolved.type as string | string[] | undefined) ?? []);
  if (types.includes('integer') && types.includes('string'))
    return PATTERN_GUIDES[PORT_RANGE_PATTERN].expected;
  switch (types[0]) {
    case 'string':
      if (resolved.pattern && PATTERN_GUIDES[resolved.pattern])
        return PATTERN_GUIDES[resolved.pattern].expected;
      return `a string of ${lengthText(resolved.minLength, resolved.maxLength, 'characters')}`;
    case 'integer':
      return `a whole number ${rangeText(resolved)}`.trim();
    case 'boolean':
      return 'true or false';
    case 'array':
      if (resolved.examples?.length) return `a list such as ${yamlInline(resolved.examples[0])}`;
      if (resolved.items?.enum) return `a list of ${orList(resolved.items.enum.map(String))}`;
      return 'a list';
    case 'object': {
      const keys = Object.keys(resolved.properties ?? {});
      return keys.length ? `a mapping with keys such as ${keys.slice(0, 4).join(', ')}` : 'a mapping';
    }
    default:
      return 'a value';
  }
}

function rangeText(node: SchemaNode | undefined): string {
  const min = node?.minimum;
  const max = node?.maximum;
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
  if (min !== undefined) return `of at least ${min}`;
  if (max !== undefined) return `of at most ${max}`;
  return '';
}

function lengthText(min: number | undefined, max: number | undefined, unit: string): string {
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
const OWN_VALUE_KEYS: Readonly<Record<string, string>> = {
  orgId: "<this customer's own UUID>",
};

function exampleOf(node: SchemaNode): string | undefined {
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

function orList(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  if (values.length === 2) return `${values[0]} or ${values[1]}`;
  return `one of ${values.join(', ')}`;
}

function keyName(path: readonly (string | number)[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

function valueAt(doc: unknown, path: readonly (string | number)[]): unknown {
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
