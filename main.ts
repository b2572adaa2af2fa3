/**
 * Composition root for `npx cdktf synth|diff|deploy`: load and check every customer file, refuse to
 * build anything when one has an error, else one CustomerStack per customer in one cdktf App.
 */
import { App } from 'cdktf';
import { formatText, hasErrors } from './src/config/diagnostics';
import { loadProject } from './src/config/load';
import { addCustomerStacks } from './src/stacks/synthesize';

const project = loadProject();
for (const d of project.diagnostics) process.stderr.write(`${formatText(d)}\n`);
if (hasErrors(project.diagnostics)) {
  // Exit before any stack exists: cdktf-cli leaves an earlier cdktf.out untouched when the app fails.
  process.stderr.write('linkforge: invalid customer files; nothing synthesized\n');
  process.exit(1);
}
// stackTraces: false keeps machine-specific paths out of the manifest (deterministic output).
const app = new App({ stackTraces: false });
// LINKFORGE_OFFLINE=1: `cdktf diff` with local throw-away state and no AWS account (see docs/stacks.md).
const offline = process.env.LINKFORGE_OFFLINE === '1';
addCustomerStacks(app, project.customers, project.settings, { outdir: app.outdir, offline });
app.synth();
