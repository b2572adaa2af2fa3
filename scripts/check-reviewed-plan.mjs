#!/usr/bin/env node
// Deploy gate: exit 0 only when a fresh plan does the same thing as the plan that was reviewed.
//
//   node scripts/check-reviewed-plan.mjs REVIEWED_PLAN_JSON CURRENT_PLAN_JSON
//
// Both files are `terraform show -json` output (cdktf.out/plans/<id>/plan.json). The comparison is
// samePlan() in src/pr/same-plan.ts (unit-tested); this file only reads the files and reports, so
// it reads the compiled module (`npm run build` first).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { planDifferences } = require('../dist/src/pr/same-plan.js');

const [reviewedFile, currentFile] = process.argv.slice(2);
if (!reviewedFile || !currentFile) {
  process.stderr.write('usage: check-reviewed-plan.mjs REVIEWED_PLAN_JSON CURRENT_PLAN_JSON\n');
  process.exit(1);
}
if (!existsSync(reviewedFile)) {
  process.stderr.write(
    `REFUSED: no reviewed plan at ${reviewedFile}. Nothing is applied without a reviewed plan: ` +
      'plan this customer in a pull request (or run the deploy workflow by hand, which plans for review first).\n',
  );
  process.exit(1);
}
const read = (f) => {
  try {
    return JSON.parse(readFileSync(f, 'utf8'));
  } catch (e) {
    process.stderr.write(`REFUSED: ${f} is not a plan JSON (${e.message})\n`);
    process.exit(1);
  }
};
const differences = planDifferences(read(reviewedFile), read(currentFile));
if (differences.length > 0) {
  process.stderr.write(
    'REFUSED: the plan differs from the reviewed plan, so it is not applied. Something changed since the review ' +
      '(another deploy, drift, or shared code): plan again in a pull request and review the new plan.\n' +
      differences.map((d) => `  ${d}\n`).join(''),
  );
  process.exit(1);
}
process.stdout.write('the plan is the reviewed plan\n');
