/**
 * Composition root for `npx cdktf synth|diff|deploy`: every customer file checked (with the same
 * notices as `linkforge validate`), nothing built when one has an error, else one stack per
 * customer (src/stacks/cdktf-app.ts).
 */
import { buildCdktfApp } from './src/stacks/cdktf-app';

const app = buildCdktfApp();
// Exit before any stack exists: cdktf-cli leaves an earlier cdktf.out untouched when the app fails.
if (app === undefined) process.exit(1);
app.synth();
