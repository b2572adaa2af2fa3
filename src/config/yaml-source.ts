/**
 * Reading one customer file: the file-level checks (size, binary, empty), YAML parsing and the
 * map from a field path back to a line and column. Nothing else in linkforge sees YAML.
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
import type { DocumentOptions, Node as YamlNode, Pair, ParseOptions, SchemaOptions } from 'yaml';
import type { Diagnostic } from './diagnostics';
import type { FieldPath } from './rules/rule';

/** Files above this size are refused before parsing: a customer file is a few hundred bytes. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Nesting limit, checked on the text before parsing. `yaml` only notices deep nesting when the
 * JavaScript stack overflows, at a place that depends on the stack size; checking first makes the
 * diagnostic deterministic and keeps every later recursive walk shallow.
 */
export const MAX_NESTING = 64;
/** Indentation (leading spaces and block indicators such as `- `) beyond which a line is refused. */
const MAX_INDENT = 256;

export interface Position {
  readonly line: number;
  readonly column: number;
}

const FILE_START: Position = { line: 1, column: 1 };

/** A parsed customer file: its JS value plus what it takes to point back into the text. */
export class YamlSource {
  constructor(
    readonly file: string,
    readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
    keyList?: readonly KeyEntry[],
    aliasTargetMap?: Map<Alias, unknown>,
  ) {
    this.keyList = keyList;
    this.aliasTargets = aliasTargetMap;
  }

  position(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return withoutBom(this.text, line, col);
  }

  /**
   * Where a diagnostic about `path` belongs: the key or the value when the path exists; for a path
   * that does not exist (a missing key), the key of its deepest existing ancestor, or the start of
   * the file when that ancestor is the document itself.
   */
  locate(path: FieldPath, target: 'key' | 'value' = 'value'): Position {
    const found = this.walk(path);
    if (found.depth < path.length) return this.keyOf(found.pair, found.node);
    if (target === 'key') return this.keyOf(found.pair, found.node);
    const node = found.node;
    // `peer:` with nothing after it: the null has no text of its own, so point at its key.
    if (isScalar(node) && node.value === null && !node.source && found.pair)
      return this.keyOf(found.pair, node);
    const range = (node as YamlNode | undefined)?.range;
    return range ? this.position(range[0]) : this.keyOf(found.pair, node);
  }

  /** The scalar's text as written (e.g. `011122223333` for a number YAML read as 11122223333). */
  sourceText(path: FieldPath): string | undefined {
    const found = this.walk(path);
    if (found.depth < path.length || !isScalar(found.node) || !found.node.range) return undefined;
    return this.text.slice(found.node.range[0], found.node.range[1]);
  }

  /** Every mapping key in the document (aliases are not followed: their target is visited once). */
  keys(): readonly KeyEntry[] {
    this.keyList ??= keyEntries(this.doc.contents);
    return this.keyList;
  }
  private keyList: readonly KeyEntry[] | undefined;

  private keyOf(pair: Pair | undefined, node: unknown): Position {
    const key = pair?.key as YamlNode | undefined;
    if (key?.range) return this.position(key.range[0]);
    // A list item has no key: point at the item itself.
    const range = (node as YamlNode | undefined)?.range;
    if (!pair && range && node !== this.doc.contents) return this.position(range[0]);
    return FILE_START;
  }

  /** Follow `path` as far as it exists; aliases are resolved to their anchor's node. */
  private walk(path: FieldPath): { node: unknown; pair: Pair | undefined; depth: number } {
    let node: unknown = this.doc.contents;
    let pair: Pair | undefined;
    let depth = 0;
    for (const segment of path) {
      node = this.resolve(node);
      let next: unknown;
      let nextPair: Pair | undefined;
      if (isMap(node)) {
        nextPair = this.indexOf(node).get(String(segment));
        next = nextPair?.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
      }
      if (!nextPair && next === undefined) break;
      node = next;
      pair = nextPair;
      depth++;
    }
    return { node: this.resolve(node), pair, depth };
  }

  // Per-mapping key index, built on first use: locating N diagnostics in a mapping of N keys stays
  // linear. Duplicate keys never get this far (they are an error before the schema runs).
  private readonly indexes = new Map<unknown, Map<string, Pair>>();
  private indexOf(map: { items: Pair[] }): Map<string, Pair> {
    let index = this.indexes.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        const key = scalarKey(pair);
        if (key !== undefined && !index.has(key)) index.set(key, pair);
      }
      this.indexes.set(map, index);
    }
    return index;
  }

  /**
   * Every alias's target, found in ONE pass over the document. `Alias.resolve(doc)` searches the
   * whole document on each call: locating N diagnostics behind one alias (8,000 bad ports in a
   * 16 KB file) was quadratic, seconds to minutes.
   */
  private aliasTargets: Map<Alias, unknown> | undefined;
  private targets(): Map<Alias, unknown> {
    return (this.aliasTargets ??= aliasTargets(this.doc));
  }

  private resolve(node: unknown): unknown {
    // Bounded: an alias chain cannot be longer than the number of anchors in the file.
    for (let i = 0; isAlias(node) && i < 1000; i++) node = this.targets().get(node as Alias);
    return node;
  }
}

export interface KeyEntry {
  readonly path: FieldPath;
  readonly key: string;
  /** Offset of the key in the text. */
  readonly offset: number;
  /** The mapping holding the key (to tell duplicates from equal keys in different mappings). */
  readonly parent: unknown;
}

function keyEntries(root: unknown): KeyEntry[] {
  const out: KeyEntry[] = [];
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = scalarKey(pair);
        if (key === undefined) continue;
        const range = (pair.key as YamlNode | null)?.range;
        out.push({ path: [...path, key], key, offset: range ? range[0] : -1, parent: node });
        visit(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]));
    }
  };
  visit(root, []);
  return out;
}

/** `connectivity.peer.cidrs[0]`; keys that are not plain words are quoted: `tags["a.b"]`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function scalarKey(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return key === null || key === undefined ? '' : undefined;
}

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

  // Cheap first: a string of n UTF-16 units holds at least n bytes of UTF-8.
  if (text.length > MAX_FILE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) {
    return fail(
      FILE_START,
      'FILE_TOO_LARGE',
      `file has more than ${MAX_FILE_BYTES} bytes; a customer file may be at most 1 MiB`,
    );
  }
  const bad = firstBinaryChar(text);
  if (bad >= 0) {
    const code = text.charCodeAt(bad);
    const what = code === 0xfffd ? 'bytes that are not valid UTF-8' : `the control character U+${hex4(code)}`;
    return fail(
      positionIn(text, bad),
      'FILE_BINARY',
      `file contains ${what}; a customer file is UTF-8 YAML text`,
    );
  }

  const deep = tooDeepAt(text);
  if (deep >= 0) {
    return fail(
      positionIn(text, deep),
      'YAML_TOO_DEEP',
      `YAML is nested more than ${MAX_NESTING} levels deep here; a customer file needs a handful`,
    );
  }

  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter });
  const pos = (offset: number): Position => {
    // An error at the very end (an unclosed bracket) is shown just after the last character
    // rather than on a line past the end of the file.
    let at = Math.max(0, Math.min(offset, text.length));
    if (at === text.length && text.endsWith('\n')) at -= text.endsWith('\r\n') ? 2 : 1;
    const { line, col } = lineCounter.linePos(at);
    return withoutBom(text, line, col);
  };
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
  const entries = keyEntries(doc.contents);
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

  const complex = firstComplexKey(doc.contents);
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
      const first = firstAlias(doc.contents);
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
 * Every alias's target, found in ONE pass over the document in document order (an alias refers to
 * the closest anchor before it). `Alias.resolve(doc)` searches the document on each call: locating
 * N diagnostics behind one alias (8,000 bad ports in a 16 KB file) was quadratic.
 */
function aliasTargets(doc: Document.Parsed): Map<Alias, unknown> {
  const anchors = new Map<string, unknown>();
  const targets = new Map<Alias, unknown>();
  visit(doc, {
    Alias: (_key, alias) => {
      targets.set(alias, anchors.get(alias.source));
    },
    Node: (_key, node) => {
      if (!isAlias(node) && node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
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

/** Index of the first character that cannot appear in a YAML text file, or -1. */
function firstBinaryChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // YAML 1.2 printable set: tab, LF, CR, x20-x7E, x85, xA0 and up (U+FFFD marks a decoding failure).
    if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
      (c >= 0x7f && c <= 0x9f && c !== 0x85) ||
      c === 0xfffd
    ) {
      return i;
    }
  }
  return -1;
}

/**
 * Offset where flow brackets nest deeper than MAX_NESTING or a line is indented past MAX_INDENT,
 * or -1. A light lexer: quoted scalars and comments are skipped so their brackets do not count.
 */
function tooDeepAt(text: string): number {
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      // Leading spaces, tabs and block indicators (`- `, `? `, `: `) each add a level of nesting.
      let j = i;
      while (j < text.length && j - i <= MAX_INDENT) {
        const d = text.charCodeAt(j);
        if (d === 0x20 || d === 0x09) j++;
        else if ((d === 0x2d || d === 0x3f || d === 0x3a) && /[ \t]/.test(text[j + 1] ?? '')) j += 2;
        else break;
      }
      if (j - i > MAX_INDENT) return i + MAX_INDENT;
    }
    switch (c) {
      case 0x0a: // \n
        lineStart = true;
        break;
      case 0x23: // # starts a comment after whitespace
        if (i === 0 || isSpace(text.charCodeAt(i - 1))) {
          while (i + 1 < text.length && text.charCodeAt(i + 1) !== 0x0a) i++;
        }
        break;
      case 0x22: // "
      case 0x27: // '
        if (i === 0 || isTokenStart(text.charCodeAt(i - 1))) i = closingQuote(text, i);
        break;
      case 0x5b: // [
      case 0x7b: // {
        if (++depth > MAX_NESTING) return i;
        break;
      case 0x5d: // ]
      case 0x7d: // }
        if (depth > 0) depth--;
        break;
    }
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** A quote opens a quoted scalar only where a token starts: `it's` is plain text. */
function isTokenStart(c: number): boolean {
  return isSpace(c) || c === 0x5b || c === 0x7b || c === 0x2c;
}

/** Index of the quote closing the one at `open` ('' escapes ' in single quotes; \ escapes in double). */
function closingQuote(text: string, open: number): number {
  const quote = text.charCodeAt(open);
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote === 0x22 && c === 0x5c) i++;
    else if (c === quote) {
      if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27) i++;
      else return i;
    }
  }
  return text.length;
}

function positionIn(text: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return withoutBom(text, line, offset - start + 1);
}

/** Editors do not show a byte order mark: columns on line 1 are counted after it. */
function withoutBom(text: string, line: number, column: number): Position {
  return line === 1 && column > 1 && text.charCodeAt(0) === 0xfeff
    ? { line, column: column - 1 }
    : { line, column };
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

function firstComplexKey(node: unknown): YamlNode | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key;
      if (key !== null && key !== undefined && !isScalar(key) && !isPair(key)) return key as YamlNode;
      const inner = firstComplexKey(pair.value);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const inner = firstComplexKey(item);
      if (inner) return inner;
    }
  }
  return undefined;
}

function firstAlias(node: unknown, match: (a: Alias) => boolean = () => true): Alias | undefined {
  if (isAlias(node)) return match(node) ? node : undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      const inner = firstAlias(pair.key, match) ?? firstAlias(pair.value, match);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const inner = firstAlias(item, match);
      if (inner) return inner;
    }
  }
  return undefined;
}
