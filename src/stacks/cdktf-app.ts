/**
 * What `main.ts` (the cdktf app that `npx cdktf synth|diff|deploy` runs) does, importable and
 * tested: load and check every customer file, say what was skipped and why, refuse to build
 * anything when a file has an error, else one CustomerStack per customer in one cdktf App.
 */
import { App } from 'cdktf';
import { formatText, hasErrors } from '../config/diagnostics';
import { formatSkipped, loadProject } from '../config/load';
import { addCustomerStacks } from './synthesize';

export interface CdktfAppOptions {
  /** Environment: `LINKFORGE_OFFLINE=1` builds offline stacks (docs/stacks.md). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where diagnostics and notices go. @default process.stderr */
  readonly stderr?: (text: string) => void;
  /** cdktf's output directory. @default - cdktf's (CDKTF_OUTDIR, set by the cdktf CLI) */
  readonly outdir?: string;
}

/**
 * The cdktf App of every customer, not yet synthesized; undefined (after the diagnostics) when a
 * customer file has an error, so that no stack exists and cdktf leaves an earlier cdktf.out as it was.
 */
export function buildCdktfApp(opts: CdktfAppOptions = {}): App | undefined {
  const env = opts.env ?? process.env;
  const stderr = opts.stderr ?? ((text: string) => process.stderr.write(text));
  const project = loadProject();
  for (const d of project.diagnostics) stderr(`${formatText(d)}\n`);
  // The same notices as `linkforge validate`: a customers/x.yaml.bak or a sub-folder is never
  // skipped silently, whichever command reads the folder.
  stderr(formatSkipped(project.skipped));
  if (hasErrors(project.diagnostics)) {
    stderr('linkforge: invalid customer files; nothing synthesized\n');
    return undefined;
  }
  // stackTraces: false keeps machine-specific paths out of the manifest (deterministic output).
  const app = new App({ stackTraces: false, ...(opts.outdir !== undefined ? { outdir: opts.outdir } : {}) });
  // LINKFORGE_OFFLINE=1: `cdktf diff` with local throw-away state and no AWS account (see docs/stacks.md).
  const offline = env.LINKFORGE_OFFLINE === '1';
  addCustomerStacks(app, project.customers, project.settings, { outdir: app.outdir, offline });
  return app;
}
