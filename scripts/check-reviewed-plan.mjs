#!/usr/bin/env node
// Deploy gate: exit 0 only when a fresh plan does exactly what the reviewed plan did.
//
//   node scripts/check-reviewed-plan.mjs BINDING_JSON CURRENT_PLAN_DIR --id ID --pr N|none --head SHA
//
// BINDING_JSON was written by bind-reviewed-plan.mjs in the trusted plan job of the pull request
// (or the review job of a manual deploy); CURRENT_PLAN_DIR is cdktf.out/plans/<id> of the fresh
// plan. The binding must be for this pull request and head commit, and the digest of the fresh
// plan's unredacted changes (plan.sha256) must equal the reviewed one: a change to a sensitive
// value, invisible in the redacted plan.json, changes the digest. When they differ and the reviewed
// plan.json sits next to the binding (plans/<id>/plan.json), the differences are listed with
// planDifferences (src/plan/same-plan.ts, compiled: `npm run build` first).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function refuse(message) {
  process.stderr.write(`REFUSED: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
const [bindingFile, currentDir] = args;
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const id = opt('--id');
const pr = opt('--pr');
const head = opt('--head');
if (!bindingFile || !currentDir || !id || !pr || !head) {
  process.stderr.write(
    'usage: check-reviewed-plan.mjs BINDING_JSON CURRENT_PLAN_DIR --id ID --pr N|none --head SHA\n',
  );
  process.exit(1);
}
const read = (f, what) => {
  try {
    return readFileSync(f, 'utf8');
  } catch (e) {
    refuse(
      `no ${what} at ${f} (${e.code ?? e.message}). Nothing is applied without a reviewed plan: ` +
        'plan this customer in a pull request (or run the deploy workflow by hand, which plans for review first).',
    );
  }
};
let binding;
try {
  binding = JSON.parse(read(bindingFile, 'reviewed plan'));
} catch (e) {
  refuse(`${bindingFile} is not a reviewed-plan binding (${e.message})`);
}
const expectedPr = pr === 'none' ? null : Number(pr);
if (binding.pullRequest !== expectedPr || binding.headSha !== head)
  refuse(
    `the reviewed plan was made for ${binding.pullRequest === null ? 'a manual run' : `#${binding.pullRequest}`} ` +
      `at ${binding.headSha}, not for ${expectedPr === null ? 'this manual run' : `#${expectedPr}`} at ${head}`,
  );
const reviewed = binding.digests?.[id];
if (!reviewed) refuse(`the reviewed plan has no plan for ${id}: it was not planned in the review`);
const current = read(join(currentDir, 'plan.sha256'), 'fresh plan digest').trim();
if (current !== reviewed) {
  let details = '';
  const reviewedJson = join(dirname(bindingFile), 'plans', id, 'plan.json');
  const currentJson = join(currentDir, 'plan.json');
  if (existsSync(reviewedJson) && existsSync(currentJson)) {
    const { planDifferences } = require('../dist/src/plan/same-plan.js');
    const diffs = planDifferences(
      JSON.parse(readFileSync(reviewedJson, 'utf8')),
      JSON.parse(readFileSync(currentJson, 'utf8')),
    );
    details = (diffs.length > 0 ? diffs : ['a sensitive value differs (not shown)'])
      .map((d) => `  ${d}\n`)
      .join('');
  }
  process.stderr.write(
    'REFUSED: the plan differs from the reviewed plan, so it is not applied. Something changed since the review ' +
      '(another deploy, drift, or shared code): plan again in a pull request and review the new plan.\n' +
      details,
  );
  process.exit(1);
}
process.stdout.write('the plan is the reviewed plan\n');
