/**
 * From a field path back to the line and column of a parsed customer file (or cdktf.json), and
 * the list of every mapping key (for duplicate and forbidden keys).
 */
import { Alias, Document, LineCounter, isAlias, isCollection, isMap, isScalar, isSeq, visit } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { FILE_START, TextPositions, type Position } from './position';
import type { FieldPath } from './rules/rule';

/** A parsed customer file: its JS value plus what it takes to point back into the text. */
export class YamlSource {
  private readonly positions: TextPositions;

  constructor(
    readonly file: string,
    readonly text: string,
    private readonly doc: Document.Parsed,
    lineCounter: LineCounter,
    keyList?: readonly KeyEntry[],
    aliasTargetMap?: Map<Alias, unknown>,
  ) {
    this.positions = new TextPositions(text, lineCounter);
    this.keyList = keyList;
    this.aliasTargets = aliasTargetMap;
  }

  position(offset: number): Position {
    return this.positions.at(offset);
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
    this.keyList ??= keyEntries(this.doc);
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

/**
 * Every mapping key with a scalar name, in document order. A pair whose key is a list or mapping
 * is skipped with everything below it (YAML_SYNTAX reports it); aliases are not followed.
 */
export function keyEntries(doc: Document): KeyEntry[] {
  const out: KeyEntry[] = [];
  // The field path of each collection reached so far: a pair's value and a list's items get
  // their parent's path plus their key or index before `visit` goes down into them.
  const paths = new Map<unknown, FieldPath>([[doc.contents, []]]);
  visit(doc, {
    Pair: (_index, pair, ancestors) => {
      const key = scalarKey(pair);
      if (key === undefined) return visit.SKIP;
      const parent = ancestors[ancestors.length - 1];
      const path = [...(paths.get(parent) ?? []), key];
      const range = (pair.key as YamlNode | null)?.range;
      out.push({ path, key, offset: range ? range[0] : -1, parent });
      if (isCollection(pair.value)) paths.set(pair.value, path);
      return undefined;
    },
    Seq: (_key, seq) => {
      const base = paths.get(seq) ?? [];
      seq.items.forEach((item, i) => {
        if (isCollection(item)) paths.set(item, [...base, i]);
      });
    },
  });
  return out;
}

function scalarKey(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return key === null || key === undefined ? '' : undefined;
}

/**
 * Every alias's target, found in ONE pass over the document in document order (an alias refers to
 * the closest anchor before it). `Alias.resolve(doc)` searches the document on each call: locating
 * N diagnostics behind one alias (8,000 bad ports in a 16 KB file) was quadratic.
 */
export function aliasTargets(doc: Document): Map<Alias, unknown> {
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
