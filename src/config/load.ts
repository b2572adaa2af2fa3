/**
 * The validation pipeline: files in, typed customers and diagnostics out.
 *
 * Per file: size, binary and empty checks, YAML parsing (duplicate keys, several documents, alias
 * bombs), the forbidden `presharedKey`, then the JSON Schema. Only files that pass all of that are
 * normalized (defaults applied) and given to the semantic rules, so a rule never sees a value of
 * the wrong type. Across files: duplicate file stems here; the rest are rules that look customers
 * up in one `FleetIndex` built for the run (linear in the number of files, never pairwise).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic } from './diagnostics';
import { capPerFile, sortDiagnostics } from './diagnostics';
import { FleetIndex } from './fleet-index';
import { fleetCapacity, type CapacityRow } from './fleet-capacity';
import { normalize } from './normalize';
import { RULES } from './rules';
import type { CustomerDocument, RuleContext } from './rules/rule';
import { checkSchema } from './schema-errors';
import { displayPath, loadSettings } from './settings-load';
import type { PlatformSettings } from './settings';
import type { LoadedCustomer } from './types';
import { NotRegularFile, readRegularFile } from '../fsutil/read-regular';
import { readYaml } from './yaml-source';
import { MAX_FILE_BYTES } from './yaml-guards';
import type { YamlSource } from './yaml-locate';
import { formatPath } from '../text/field-path';

export interface SourceFile {
  /** Path as shown in diagnostics. */
  readonly path: string;
  readonly text: string;
}

export interface LoadResult {
  readonly customers: LoadedCustomer[];
  readonly diagnostics: Diagnostic[];
  readonly settings: PlatformSettings;
  /** Every customer file that was checked (valid or not), as shown in diagnostics, sorted. */
  readonly files: readonly string[];
  /**
   * Entries of the customers folder that are not customer files, with why (a `.yaml.bak`, a
   * sub-folder): the commands print them as notices, so a file that was meant to be a customer is
   * never skipped silently. Hidden entries (`.gitkeep`) are not listed. @default []
   */
  readonly skipped?: readonly SkippedEntry[];
  /**
   * What the fleet's stacks create against the vendor account's AWS quotas, per region (QUOTA_FLEET
   * warns on the files past a limit). Counts every schema-valid, not decommissioned customer.
   * @default []
   */
  readonly capacity?: readonly CapacityRow[];
}

export interface SkippedEntry {
  /** Path as shown in notices (`customers/globex.yaml.bak`, `customers/old/`). */
  readonly path: string;
  readonly reason: string;
}

/** One line per skipped entry: `notice: customers/x.yaml.bak is not read: …`. */
export function formatSkipped(entries: readonly SkippedEntry[] | undefined): string {
  return (entries ?? []).map((e) => `notice: ${e.path} is not read: ${e.reason}\n`).join('');
}

function skippedEntries(dir: string, entries: readonly fs.Dirent[]): SkippedEntry[] {
  const out: SkippedEntry[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const shown = displayPath(path.join(dir, e.name));
    if (e.isDirectory()) {
      out.push({
        path: `${shown}/`,
        reason: 'sub-folders are not searched; each customer is one file directly in the customers folder',
      });
    } else if (!CUSTOMER_FILE.test(e.name)) {
      out.push({
        path: shown,
        reason: 'only files named <id>.yaml or <id>.yml are customer files',
      });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export const DEFAULT_CUSTOMERS_DIR = 'customers';
const CUSTOMER_FILE = /\.ya?ml$/;

/** Key names that would put a secret in git; matched ignoring case, `-` and `_`. */
const PRESHARED_KEY = /^pre-?_?shared-?_?keys?$/i;

interface Checked {
  readonly file: string;
  readonly stem: string;
  readonly diagnostics: Diagnostic[];
  readonly parsed?: {
    readonly source: YamlSource;
    readonly document: CustomerDocument;
    readonly loaded: LoadedCustomer;
  };
}

/**
 * Check customer files given as text: pure, no I/O. Returns the customers of the files without
 * errors (warnings allowed) and every diagnostic, sorted.
 */
export function checkSources(
  sources: readonly SourceFile[],
  settings: PlatformSettings,
): { customers: LoadedCustomer[]; diagnostics: Diagnostic[]; capacity: readonly CapacityRow[] } {
  const files = sources
    .filter((s) => CUSTOMER_FILE.test(s.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const checked = files.map((s) => checkOne(s, settings));

  // `a.yaml` and `a.yml` would both become stack `a`: report it in every file involved.
  const byStem = new Map<string, Checked[]>();
  for (const c of checked) byStem.set(c.stem, [...(byStem.get(c.stem) ?? []), c]);
  for (const group of byStem.values()) {
    if (group.length < 2) continue;
    for (const c of group) {
      const others = group.filter((o) => o !== c).map((o) => o.file);
      c.diagnostics.push({
        file: c.file,
        line: 1,
        column: 1,
        severity: 'error',
        code: 'FILE_STEM_DUPLICATE',
        path: '',
        message: `file name ${c.stem} is also used by ${others.join(', ')}; each customer has one file: remove or rename one of them`,
      });
    }
  }

  // Semantic rules, on schema-valid files only; cross-file rules see every other such customer.
  const valid = checked.filter((c) => c.parsed);
  const loaded = valid.map((c) => c.parsed!.loaded);
  const fleet = new FleetIndex(loaded);
  valid.forEach((c, index) => {
    const { source, document, loaded: self } = c.parsed!;
    let others: LoadedCustomer[] | undefined;
    const ctx: RuleContext = {
      customer: self.customer,
      document,
      fileStem: c.stem,
      file: c.file,
      // Built on first use: most rules never look, and n copies of n customers add up at 1,000 files.
      get others() {
        return (others ??= loaded.slice(0, index).concat(loaded.slice(index + 1)));
      },
      fleet,
      settings,
    };
    for (const rule of RULES) {
      for (const f of rule.check(ctx)) {
        c.diagnostics.push({
          file: c.file,
          ...source.locate(f.path, f.target ?? 'value'),
          severity: f.severity,
          code: f.code,
          path: formatPath(f.path),
          message: f.message,
        });
      }
    }
  });

  const diagnostics = capPerFile(checked.flatMap((c) => c.diagnostics));
  const customers = valid
    .filter((c) => !c.diagnostics.some((d) => d.severity === 'error'))
    .map((c) => c.parsed!.loaded);
  return { customers, diagnostics, capacity: fleetCapacity(fleet, settings).rows };
}

function checkOne(src: SourceFile, settings: PlatformSettings): Checked {
  const file = src.path;
  const stem = path.basename(file).replace(CUSTOMER_FILE, '');
  const read = readYaml(file, src.text);
  if (!read.ok) return { file, stem, diagnostics: read.diagnostics };

  const diagnostics: Diagnostic[] = [];
  // Reported before the schema so the message says why (AWS generates the keys), not just "unknown".
  const secretKeys = new Set<string>();
  for (const { path: keyPath, key } of read.source.keys()) {
    if (!PRESHARED_KEY.test(key)) continue;
    secretKeys.add(formatPath(keyPath));
    diagnostics.push({
      file,
      ...read.source.locate(keyPath, 'key'),
      severity: 'error',
      code: 'PRESHARED_KEY_FORBIDDEN',
      path: formatPath(keyPath),
      message:
        'pre-shared keys never go in a customer file (it is committed to git): AWS generates them and the stack stores them in AWS Secrets Manager; remove this key',
    });
  }
  diagnostics.push(...checkSchema(read.source, read.value, secretKeys));
  if (diagnostics.length > 0) return { file, stem, diagnostics };

  const document = read.value as CustomerDocument;
  const customer = normalize(document, settings);
  return { file, stem, diagnostics, parsed: { source: read.source, document, loaded: { file, customer } } };
}

/**
 * Read the platform settings and every `*.yaml` / `*.yml` file of the customers folder (sorted),
 * then check them all. A missing or unreadable folder is a diagnostic, not an exception.
 */
export function loadProject(opts: { customersDir?: string; cdktfJson?: string } = {}): LoadResult {
  const dir = opts.customersDir ?? DEFAULT_CUSTOMERS_DIR;
  const loadedSettings = loadSettings(opts.cdktfJson);
  const { settings } = loadedSettings;

  let names: string[];
  let skipped: SkippedEntry[] = [];
  try {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    skipped = skippedEntries(dir, entries);
    // Everything named like a customer file except folders (a notice above): a symbolic link or
    // a special file is an error below, never followed and never opened.
    names = entries
      .filter((e) => CUSTOMER_FILE.test(e.name) && !e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    const reason =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'ENOTDIR'
          ? 'is not a directory'
          : `cannot be read (${code})`;
    return {
      customers: [],
      settings,
      files: [],
      diagnostics: sortDiagnostics([
        ...loadedSettings.diagnostics,
        {
          file: displayPath(dir),
          line: 1,
          column: 1,
          severity: 'error',
          code: 'CUSTOMERS_DIR_UNREADABLE',
          path: '',
          message: `customers folder ${reason}; pass the folder holding the customer files with --customers DIR`,
        },
      ]),
    };
  }

  const sources: SourceFile[] = [];
  const readErrors: Diagnostic[] = [];
  for (const name of names) {
    const full = path.join(dir, name);
    const shown = displayPath(full);
    try {
      sources.push({ path: shown, text: readRegularFile(full, MAX_FILE_BYTES) });
    } catch (e) {
      if (e instanceof NotRegularFile) {
        readErrors.push({
          file: shown,
          line: 1,
          column: 1,
          severity: 'error',
          code: 'FILE_NOT_REGULAR',
          path: '',
          message: `${e.kind}, not a regular file: customer files are read only as plain files committed in the customers folder, never through a link or from a device or pipe; replace it with the file itself`,
        });
        continue;
      }
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      readErrors.push({
        file: shown,
        line: 1,
        column: 1,
        severity: 'error',
        code: 'FILE_UNREADABLE',
        path: '',
        message: `file cannot be read (${code})`,
      });
    }
  }
  const result = checkSources(sources, settings);
  return {
    customers: result.customers,
    settings,
    files: names.map((name) => displayPath(path.join(dir, name))),
    diagnostics: sortDiagnostics([...loadedSettings.diagnostics, ...readErrors, ...result.diagnostics]),
    skipped,
    capacity: result.capacity,
  };
}
