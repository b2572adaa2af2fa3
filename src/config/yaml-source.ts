/**
 * Reading one customer file: the text guards (yaml-guards.ts), YAML parsing, duplicate keys and
 * alias expansion, into a JS value plus a YamlSource (yaml-locate.ts) that maps field paths back to
 * lines and columns. Nothing else in linkforge sees YAML.
 *
 * YAML 1.2 core schema exactly as the `yaml` package reads it: a `%YAML 1.1` directive does not
 * bring back `yes`/`no` booleans or octal `017`, and tags outside the core schema are errors rather
 * than silently becoming strings. Nothing is coerced.
 */
import {
  Alias,
  Document,
  LineCounter,
  parseAllDocuments,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  visit,
} from 'yaml';
import type { DocumentOptions, Node as YamlNode, ParseOptions, SchemaOptions } from 'yaml';
import type { Diagnostic } from './diagnostics';
import { FILE_START, TextPositions, type Position } from './position';
import { checkText } from './yaml-guards';
import { YamlSource, aliasTargets, keyEntries, type KeyEntry } from './yaml-locate';

// settings-load.ts and schema-errors.ts import YamlSource from here.
export { YamlSource } from './yaml-locate';
import { formatPath } from '../text/field-path';

export type ReadResult =
  | { readonly ok: true; readonly value: unknown; readonly source: YamlSource }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  customTags: [],
  resolveKnownTags: false,
  uniqueKeys: false,
  prettyErrors: false,
  // The library would otherwise print warnings (e.g. about collection keys) straight to stderr.
  logLevel: 'silent',
};

/**
 * Read one file's text into a JS value. Returns diagnostics instead when the file is too large,
 * binary, empty, not valid YAML, has duplicate keys, several documents, unsupported tags,
 * non-scalar keys or too many aliases.
 */
export function readYaml(file: string, text: string): ReadResult {
  const fail = (pos: Position, code: string, message: string, path = ''): ReadResult => ({
    ok: false,
    diagnostics: [{ file, ...pos, severity: 'error', code, path, message }],
  });

  const refused = checkText(text);
  if (refused) return fail(refused.position, refused.code, refused.message);

  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter });
  const positions = new TextPositions(text, lineCounter);
  const pos = (offset: number): Position => positions.atOrBeforeEnd(offset);
  // An empty stream (nothing or only comments) comes back as an object with `empty: true`.
  if (!Array.isArray(docs) || docs.length === 0 || (docs.length === 1 && docs[0].contents === null)) {
    return fail(
      FILE_START,
      'FILE_EMPTY',
      'file has no content; expected a mapping with id, name, orgId, plan and connectivity',
    );
  }
  if (docs.length > 1) {
    return fail(
      pos(docs[1].range[0]),
      'YAML_MULTIPLE_DOCUMENTS',
      `file holds ${docs.length} YAML documents; a customer file is one document: remove the \`---\` separator and split the rest into its own file`,
    );
  }
  const doc = docs[0];

  const diagnostics: Diagnostic[] = [];
  // Duplicate keys are found here rather than by `yaml`'s uniqueKeys, whose check is quadratic in
  // the size of a mapping (a 600 KB file of distinct keys took 18 s).
  const seen = new Map<unknown, Map<string, KeyEntry>>();
  const entries = keyEntries(doc);
  for (const entry of entries) {
    let keys = seen.get(entry.parent);
    if (!keys) seen.set(entry.parent, (keys = new Map()));
    const first = keys.get(entry.key);
    if (!first) {
      keys.set(entry.key, entry);
      continue;
    }
    diagnostics.push({
      file,
      ...pos(entry.offset),
      severity: 'error',
      code: 'YAML_DUPLICATE_KEY',
      path: formatPath(entry.path),
      message: `key ${JSON.stringify(entry.key)} appears twice in the same mapping (first at line ${pos(first.offset).line}); keep one of them`,
    });
  }
  // Report only the first syntax error: the ones after it are usually its echo.
  const syntax = doc.errors[0];
  if (syntax) {
    const exhausted = syntax.code === 'RESOURCE_EXHAUSTION';
    diagnostics.push({
      file,
      ...pos(syntax.pos[0]),
      severity: 'error',
      code: exhausted ? 'YAML_TOO_DEEP' : 'YAML_SYNTAX',
      path: '',
      message: exhausted
        ? 'YAML is nested too deeply to be a customer file'
        : syntax.code === 'TAB_AS_INDENT'
          ? 'invalid YAML: a tab is used for indentation, and YAML allows only spaces there: indent with spaces (two per level, as in the examples)'
          : `invalid YAML: ${firstSentence(syntax.message)}`,
    });
  }
  for (const w of doc.warnings) {
    diagnostics.push({
      file,
      ...pos(w.pos[0]),
      severity: 'error',
      code: w.code === 'TAG_RESOLVE_FAILED' ? 'YAML_UNSUPPORTED_TAG' : 'YAML_SYNTAX',
      path: '',
      message:
        w.code === 'TAG_RESOLVE_FAILED'
          ? `tag ${text.slice(w.pos[0], w.pos[1]).trim() || '(unknown)'} is not supported; customer files use plain YAML 1.2 values: remove the tag`
          : firstSentence(w.message),
    });
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };

  const complex = firstComplexKey(doc);
  if (complex) {
    return fail(
      pos(complex.range?.[0] ?? 0),
      'YAML_SYNTAX',
      'a list or mapping is used as a key; keys in a customer file are plain names',
    );
  }

  // Aliases are expanded by our own single pass (aliasTargets + toValue), not by `yaml`'s toJS:
  // that resolves each alias by scanning every alias and anchor before it, and counts alias
  // multiplicity with a further walk per anchor, both quadratic in the number of aliases.
  const targets = aliasTargets(doc);
  const converted = toValue(doc.contents, targets);
  if (!converted.ok) {
    const at = converted.alias?.range ? pos(converted.alias.range[0]) : FILE_START;
    if (converted.reason === 'limit') {
      const first = firstAlias(doc);
      return fail(
        first?.range ? pos(first.range[0]) : at,
        'YAML_ALIAS_LIMIT',
        `aliases expand to more than ${MAX_ALIAS_NODES} nodes: this looks like an alias bomb; write the values out instead`,
      );
    }
    return fail(
      at,
      'YAML_SYNTAX',
      `invalid YAML: alias *${converted.alias?.source ?? ''} has no anchor before it (or refers to the collection it is in); set the anchor first`,
    );
  }
  const value = converted.value;
  return { ok: true, value, source: new YamlSource(file, text, doc, lineCounter, entries, targets) };
}

/**
 * Aliases may add at most this many nodes to the document (each alias counted as the expanded size
 * of what it refers to). A customer file has a few hundred; a "billion laughs" bomb
 * passes this within a few lines, and a big alias (8,000 ports) stays under it, so its values are
 * checked (and its diagnostics capped) instead of being refused wholesale.
 */
export const MAX_ALIAS_NODES = 10_000;

type Converted =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: 'limit' | 'unresolved'; readonly alias?: Alias };

/**
 * The JS value of a parsed document, in one pass: each node is converted once, an alias takes its
 * target's value (already converted: a target precedes its alias and is not its ancestor), and the
 * expanded size is summed as we go, saturating, so a bomb is refused without being expanded.
 * Recursion follows the structure only (nesting is capped before parsing), never alias chains.
 */
function toValue(root: unknown, targets: Map<Alias, unknown>): Converted {
  const done = new Map<unknown, { value: unknown; size: number }>();
  const open = new Set<unknown>();
  let failure: Converted | undefined;
  let expansion = 0;
  const cap = MAX_ALIAS_NODES + 1;
  const conv = (node: unknown): { value: unknown; size: number } => {
    if (failure) return { value: undefined, size: 0 };
    if (isAlias(node)) {
      const target = targets.get(node);
      const hit = done.get(target);
      if (!hit || open.has(target)) {
        failure = { ok: false, reason: 'unresolved', alias: node };
        return { value: undefined, size: 0 };
      }
      // What this alias adds to the document: its target, expanded.
      expansion = Math.min(cap, expansion + hit.size);
      if (expansion > MAX_ALIAS_NODES) failure = { ok: false, reason: 'limit', alias: node };
      return hit;
    }
    open.add(node);
    let out: { value: unknown; size: number };
    if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      let size = 1;
      for (const pair of node.items) {
        const k = pair.key === null || pair.key === undefined ? null : conv(pair.key).value;
        const v =
          pair.value === null || pair.value === undefined ? { value: null, size: 1 } : conv(pair.value);
        size = Math.min(cap, size + 1 + v.size);
        const key = k === null ? '' : String(k);
        // `__proto__` as an own property, never the prototype (as `yaml` does).
        Object.defineProperty(obj, key, {
          value: v.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      out = { value: obj, size };
    } else if (isSeq(node)) {
      const arr: unknown[] = [];
      let size = 1;
      for (const item of node.items) {
        const v = item === null || item === undefined ? { value: null, size: 1 } : conv(item);
        size = Math.min(cap, size + v.size);
        arr.push(v.value);
      }
      out = { value: arr, size };
    } else if (isScalar(node)) {
      out = { value: node.value, size: 1 };
    } else {
      out = { value: null, size: 1 };
    }
    open.delete(node);
    done.set(node, out);
    return out;
  };
  const result = root === null || root === undefined ? { value: null, size: 1 } : conv(root);
  return failure ?? { ok: true, value: result.value };
}

function firstSentence(message: string): string {
  // `yaml` appends " at line L, column C" and a code excerpt; our position prefix says that already.
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/[.:]$/, '');
}

/** The first key that is a list or mapping (YAML allows them; a customer file never means one). */
function firstComplexKey(doc: Document): YamlNode | undefined {
  let found: YamlNode | undefined;
  visit(doc, {
    Pair: (_index, pair) => {
      const key = pair.key;
      if (key === null || key === undefined || isScalar(key) || isPair(key)) return undefined;
      found = key as YamlNode;
      return visit.BREAK;
    },
  });
  return found;
}

function firstAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias: (_key, alias) => {
      found = alias;
      return visit.BREAK;
    },
  });
  return found;
}
