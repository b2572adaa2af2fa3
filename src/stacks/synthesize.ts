/**
 * Synthesis of customer stacks to `<outdir>/stacks/<id>/cdk.tf.json`, atomically: everything is
 * written to a temporary sibling of `outdir` and moved into place only once every stack has been
 * synthesized, so a failure leaves an earlier output exactly as it was.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkOutdir, markOutdir } from '../fsutil/outdir-guard';
import { App } from 'cdktf';
import type { PlatformSettings } from '../config/settings';
import type { LoadedCustomer } from '../config/types';
import type { SynthesizedStack } from '../plan/types';
import { CustomerStack } from './customer-stack';
import { withSortedKeys } from '../text/canonical-json';

export interface SynthOptions {
  /** Output directory (cdktf's outdir), e.g. 'cdktf.out'. Stacks land in <outdir>/stacks/<id>/cdk.tf.json. */
  readonly outdir: string;
  /** Only these customer ids (default all). */
  readonly ids?: readonly string[];
  /** Offline: local state under <stateDir>/<id>/terraform.tfstate whatever the settings say, and an AWS provider that calls no AWS API (skip_credentials_validation, skip_requesting_account_id, skip_metadata_api_check, skip_region_validation; credentials come from env placeholders set by the runner, NEVER written into the JSON). */
  readonly offline?: boolean;
  /** Directory for offline local state. @default '.linkforge/offline-state' */
  readonly offlineStateDir?: string;
  /** Project root that relative state directories refer to. @default process.cwd() */
  readonly projectDir?: string;
  /** Stacks per cdktf App (the output does not depend on it). @default BATCH_SIZE (100) */
  readonly batchSize?: number;
}

/** Options for adding stacks to an existing cdktf App (main.ts, tests). */
export type StackOptions = Omit<SynthOptions, 'ids' | 'batchSize'>;

/**
 * Stacks per cdktf App. Each App is synthesized and dropped before the next is built, which bounds
 * memory for large fleets; a stack's JSON depends only on its own customer, so the output is the
 * same for any batch size.
 */
const BATCH_SIZE = 100;

/** Add one `CustomerStack` per customer to `app`, in id order. */
export function addCustomerStacks(
  app: App,
  customers: readonly LoadedCustomer[],
  settings: PlatformSettings,
  opts: StackOptions,
): CustomerStack[] {
  return sortById(customers).map(
    ({ customer }) =>
      new CustomerStack(app, {
        customer,
        settings,
        outdir: opts.outdir,
        projectDir: opts.projectDir,
        offline: opts.offline,
        offlineStateDir: opts.offlineStateDir,
      }),
  );
}

/**
 * Synthesize the customers' stacks into `opts.outdir`.
 *
 * Without `ids`, `outdir` is replaced as a whole: it then holds exactly these stacks (the stack of a
 * removed customer disappears, as with `cdktf synth`). With `ids`, only those stacks are replaced;
 * every other stack directory in `outdir` is kept untouched, and `manifest.json` lists both.
 */
export function synthesize(
  customers: readonly LoadedCustomer[],
  settings: PlatformSettings,
  opts: SynthOptions,
): SynthesizedStack[] {
  const staged = stageSynthesis(customers, settings, opts);
  staged.commit();
  return staged.stacks;
}

/** A synthesis written to a temporary sibling of the output directory, not yet in place. */
export interface StagedSynthesis {
  /** The stacks as they will be once committed (`dir` as `outdir` was given). */
  readonly stacks: SynthesizedStack[];
  /** Move the stacks into `outdir` (as synthesize() does) and remove the temporary directory. */
  commit(): void;
  /** Remove the temporary directory: `outdir` stays exactly as it was. */
  discard(): void;
}

/**
 * synthesize() in two steps: build every stack into a temporary directory now, and put it in place
 * only on commit(). The plan pipeline synthesizes while its first `terraform init` runs, and
 * commits only once that init shows the provider can be installed: a run that stops there leaves
 * the previous output untouched, as it did when the check ran before synthesis.
 */
export function stageSynthesis(
  customers: readonly LoadedCustomer[],
  settings: PlatformSettings,
  opts: SynthOptions,
): StagedSynthesis {
  const selected = select(customers, opts.ids);
  const outdir = path.resolve(opts.projectDir ?? process.cwd(), opts.outdir);
  // Replaced as a whole below: never the project, the customers folder or someone else's folder.
  checkOutdir(outdir, [opts.projectDir ?? process.cwd()]);
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  const tmp = fs.mkdtempSync(`${outdir}.tmp-`);
  const discard = () => fs.rmSync(tmp, { recursive: true, force: true });
  const manifestStacks: Record<string, unknown> = {};
  let version = '';
  try {
    markOutdir(tmp);
    // At least one App, so an empty selection still writes a manifest.
    const batchSize = Math.max(1, opts.batchSize ?? BATCH_SIZE);
    for (let i = 0; i === 0 || i < selected.length; i += batchSize) {
      // stackTraces: false keeps construct stack traces (absolute paths, line numbers) out of
      // manifest.json, so the output is byte-identical across machines and runs.
      const app = new App({ outdir: tmp, stackTraces: false, hclOutput: false });
      withoutCreationStackTraces(() => {
        addCustomerStacks(app, selected.slice(i, i + batchSize), settings, opts);
        app.synth();
      });
      Object.assign(manifestStacks, app.manifest.stacks);
      version = app.manifest.version;
    }
  } catch (e) {
    discard();
    throw e;
  }
  const commit = () => {
    try {
      if (opts.ids === undefined || !fs.existsSync(outdir)) {
        writeManifest(tmp, version, manifestStacks);
        swapDirectory(tmp, outdir);
      } else {
        const kept = readManifestStacks(outdir);
        replaceStacks(
          tmp,
          outdir,
          selected.map((c) => c.customer.id),
        );
        writeManifest(outdir, version, { ...kept, ...manifestStacks });
      }
    } finally {
      discard();
    }
  };
  // `dir` as `outdir` was given (relative stays relative).
  const stacks = selected.map(({ customer }) => ({
    id: customer.id,
    dir: path.join(opts.outdir, 'stacks', customer.id),
    decommission: customer.decommission,
    connectivityType: customer.connectivity.type,
    ...(customer.connectivity.type === 'vpc-peering' && customer.connectivity.accepted
      ? { peeringAccepted: true }
      : {}),
  }));
  return { stacks, commit, discard };
}

/**
 * Run `fn` while stack traces format to nothing. cdktf captures and formats a full stack trace
 * (`Error.stackTraceLimit = MAX_SAFE_INTEGER`) for every token it creates, only to quote it if that
 * token later turns out invalid; that is about a fifth of the CPU time of a large synthesis. With
 * `Error.prepareStackTrace` returning '' its capture returns an empty trace. V8 formats an error's
 * `stack` lazily, on first access, so an error thrown by `fn` still gets its full stack once the
 * previous hook is restored.
 */
function withoutCreationStackTraces(fn: () => void): void {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = () => '';
  try {
    fn();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

function sortById(customers: readonly LoadedCustomer[]): LoadedCustomer[] {
  return [...customers].sort((a, b) =>
    a.customer.id < b.customer.id ? -1 : a.customer.id > b.customer.id ? 1 : 0,
  );
}

function select(customers: readonly LoadedCustomer[], ids: readonly string[] | undefined): LoadedCustomer[] {
  const byId = new Map<string, LoadedCustomer>();
  for (const c of customers) {
    const previous = byId.get(c.customer.id);
    if (previous)
      throw new Error(`customer id '${c.customer.id}' is used by both ${previous.file} and ${c.file}`);
    byId.set(c.customer.id, c);
  }
  if (ids === undefined) return sortById(customers);
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new Error(`unknown customer id(s): ${unknown.join(', ')}`);
  return sortById([...new Set(ids)].map((id) => byId.get(id) as LoadedCustomer));
}

/** Put `from` in place of `to` with two renames; the previous `to` is deleted afterwards. */
function swapDirectory(from: string, to: string): void {
  let old: string | undefined;
  if (fs.existsSync(to)) {
    old = `${to}.old-${process.pid}-${Date.now()}`;
    fs.renameSync(to, old);
  }
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if (old) fs.renameSync(old, to); // put the previous output back
    throw err;
  }
  if (old) fs.rmSync(old, { recursive: true, force: true });
}

/** Move the freshly synthesized stacks `ids` from `tmp` into `outdir`, replacing earlier ones. */
function replaceStacks(tmp: string, outdir: string, ids: readonly string[]): void {
  fs.mkdirSync(path.join(outdir, 'stacks'), { recursive: true });
  for (const id of ids) swapDirectory(path.join(tmp, 'stacks', id), path.join(outdir, 'stacks', id));
}

/** The stacks of an earlier manifest whose directory is still there (none when there is no manifest). */
function readManifestStacks(outdir: string): Record<string, unknown> {
  const file = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(file)) return {};
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { stacks?: Record<string, unknown> };
  return Object.fromEntries(
    Object.entries(manifest.stacks ?? {}).filter(([id]) => fs.existsSync(path.join(outdir, 'stacks', id))),
  );
}

/** cdktf's manifest.json (read by cdktf-cli), keys sorted as cdktf writes them; written via a rename. */
function writeManifest(dir: string, version: string, stacks: Record<string, unknown>): void {
  const file = path.join(dir, 'manifest.json');
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(withSortedKeys({ stacks, version }), null, 2));
  fs.renameSync(`${file}.tmp`, file);
}
