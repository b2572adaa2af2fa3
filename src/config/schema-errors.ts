/**
 * The schema check: runs the compiled customer schema on a parsed document and turns ajv's errors
 * into diagnostics a person can act on. Unknown keys point at the key (with "did you mean"),
 * missing keys at their parent's key, everything else at the value. Wrapper noise (oneOf,
 * discriminator) is dropped, a failed regex becomes guidance for that field, and a wrong type says
 * what to write instead. Nothing is coerced.
 */
import type { ErrorObject } from 'ajv';
import { MAX_DIAGNOSTICS_PER_FILE, moreDiagnostics, type Diagnostic } from './diagnostics';
import type { FieldPath } from './rules/rule';
import { CUSTOMER_SCHEMA_NODE, isRecord } from './schema';
import type { SchemaNode } from './schema';
import { schemaAt } from './schema/walk';
import {
  OWN_VALUE_KEYS,
  exampleOf,
  expected,
  keyName,
  lengthText,
  ONE_OF,
  patternMessage,
  rangeText,
  show,
  unknownKeyMessage,
  valueAt,
  wrongTypeMessage,
} from './schema-messages';
import { suggest } from './suggest';
import { validateCustomer } from './validators';
import type { YamlSource } from './yaml-source';
import { formatPath } from '../text/field-path';
import { orList } from '../text/or-list';

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
  const root = options.root ?? CUSTOMER_SCHEMA_NODE;
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
        `${shown} is not allowed; expected ${orList(allowed.map(String), ONE_OF)}${tail}`,
      );
    }
    case 'pattern': {
      const { code, message } = patternMessage(
        node,
        value as string,
        (error.params as { pattern: string }).pattern,
      );
      return diag(code, path, message);
    }
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
