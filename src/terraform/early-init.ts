/**
 * The first stack's `terraform init`, started before the stack is synthesized (issue 13: per-stack
 * cost at Terraform's floor).
 *
 * `terraform init` reads nothing of a configuration but its `terraform` block: the backend and the
 * required providers. Both are known from the platform settings and the customer id before cdktf is
 * even loaded (src/stacks/terraform-block.ts), so the plan pipeline runs that init in a stand-in
 * directory holding only the block, on the second core, while Node loads cdktf and synthesizes:
 * about 0.6 s of a one-stack plan that used to come after synthesis.
 *
 * The init is adopted only when it is exactly the init the stack would have had:
 * - it exited 0;
 * - the synthesized stack's `terraform` block is the block it ran with (canonical JSON); and
 * - its working data can be put where the stack's own init would have written it: offline, the
 *   stack's data directory outside the stack (offlineDataDir, the same TF_DATA_DIR the plan uses);
 *   online, `<stack>/.terraform`, moved there with one rename (what `cdktf deploy` and the deploy
 *   workflow's `terraform apply` find in the stack directory).
 * Otherwise the stack is initialised as before, in its own directory: an early init can cost time,
 * never correctness. The stand-in directory is removed either way.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { SynthesizedStack } from '../plan/types';
import { canonicalJson } from '../text/canonical-json';
import { childEnvironment, offlineDataDir } from './child-env';
import type { TerraformCliSetup } from './cli-config';
import { execTerraform, type ExecResult } from './exec';
import { INIT_ARGS, PROJECT_LOCK_FILE } from './stack-plan';

export interface EarlyInitOptions {
  readonly cli: TerraformCliSetup;
  /** Absolute project root: the stand-in directory goes under `.linkforge/early-init/`. */
  readonly projectDir: string;
  /** Offline plan: placeholder credentials, the data directory outside the stack. @default false */
  readonly offline?: boolean;
  /** Environment the child inherits (before linkforge's own variables). @default process.env */
  readonly baseEnv?: NodeJS.ProcessEnv;
  /** Terraform binary. @default LINKFORGE_TERRAFORM or 'terraform' on PATH */
  readonly binary?: string;
  /** Kill the init after this long. @default - no limit */
  readonly commandTimeoutMs?: number;
}

/** A running (or finished) early init of one stack. */
export interface EarlyInit {
  readonly id: string;
  /** The `terraform` block it runs with, as canonical JSON. */
  readonly block: string;
  /** The stand-in configuration directory, `.linkforge/early-init/run-*\/<id>`. */
  readonly dir: string;
  /** Where the init writes Terraform's working data (TF_DATA_DIR). */
  readonly dataDir: string;
  readonly offline: boolean;
  readonly result: Promise<ExecResult>;
}

/**
 * Start `terraform init` of stack `id` with `terraformBlock`, or return undefined when it could not
 * be adopted anyway: an online run whose environment sets its own TF_DATA_DIR (the stack's init
 * would use that directory, not `<stack>/.terraform`).
 */
export function startEarlyInit(
  id: string,
  terraformBlock: unknown,
  opts: EarlyInitOptions,
): EarlyInit | undefined {
  const offline = opts.offline ?? false;
  const env = childEnvironment(opts.baseEnv ?? process.env, opts.cli, offline);
  if (!offline && env.TF_DATA_DIR) return undefined;
  const root = path.join(opts.projectDir, '.linkforge', 'early-init');
  fs.mkdirSync(root, { recursive: true });
  // One directory per run: two runs with different output folders may plan the same customer.
  // The last path element is the stack id, as in the stack's own directory.
  const dir = path.join(fs.mkdtempSync(path.join(root, 'run-')), id);
  fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(dir, 'cdk.tf.json'),
    JSON.stringify({ terraform: terraformBlock }, null, 2) + '\n',
  );
  // The project's pinned lock file, as every stack gets it (runner.ts): init then installs only a
  // provider whose checksum it lists.
  const lock = path.join(opts.projectDir, PROJECT_LOCK_FILE);
  if (fs.existsSync(lock)) fs.copyFileSync(lock, path.join(dir, PROJECT_LOCK_FILE));
  const dataDir = offline ? offlineDataDir(opts.projectDir, id) : path.join(dir, '.terraform');
  const result = execTerraform([...INIT_ARGS], {
    cwd: dir,
    env: { ...env, TF_DATA_DIR: dataDir },
    binary: opts.binary,
    timeoutMs: opts.commandTimeoutMs,
  });
  return { id, block: canonicalJson(terraformBlock), dir, dataDir, offline, result };
}

/**
 * Wait for `early` and put its work in place for `stack` (absolute `dir`, synthesized): the init's
 * result, its log noting where it ran, or undefined when the stack must run its own init (see the
 * conditions above). Never throws; the stand-in directory is gone afterwards.
 */
export async function adoptEarlyInit(
  early: EarlyInit,
  stack: SynthesizedStack,
  projectDir: string,
): Promise<ExecResult | undefined> {
  const r = await early.result;
  try {
    if (r.code !== 0 || stack.id !== early.id) return undefined;
    if (readTerraformBlock(stack.dir) !== early.block) return undefined;
    if (!early.offline) {
      const target = path.join(stack.dir, '.terraform');
      if (fs.existsSync(target)) return undefined;
      fs.renameSync(early.dataDir, target);
    }
    // The lock file the init checked the provider against: the project's (already copied into the
    // stack by the runner), or the one the init wrote when the project has none.
    const stackLock = path.join(stack.dir, PROJECT_LOCK_FILE);
    const earlyLock = path.join(early.dir, PROJECT_LOCK_FILE);
    if (!fs.existsSync(stackLock) && fs.existsSync(earlyLock)) fs.copyFileSync(earlyLock, stackLock);
    const where = path.relative(projectDir, early.dir).split(path.sep).join('/');
    return {
      ...r,
      stdout: `(run while the stack was synthesized, in ${where}, with the stack's terraform block)\n${r.stdout}`,
    };
  } catch {
    return undefined;
  } finally {
    discardEarlyInit(early);
  }
}

/** Remove the stand-in directory (once the init has ended: await `result` first). */
export function discardEarlyInit(early: EarlyInit): void {
  fs.rmSync(path.dirname(early.dir), { recursive: true, force: true });
}

/** The canonical JSON of a synthesized stack's `terraform` block, or undefined if unreadable. */
function readTerraformBlock(stackDir: string): string | undefined {
  try {
    const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as {
      terraform?: unknown;
    };
    return json.terraform === undefined ? undefined : canonicalJson(json.terraform);
  } catch {
    return undefined;
  }
}
