#!/usr/bin/env node
// The reviewed plan's binding, written by the TRUSTED plan job only (base-branch code, never code
// from the pull request): which pull request and head commit it was made for, and for each planned
// customer the digest of its unredacted planned changes (plans/<id>/plan.sha256, see planDigest in
// src/plan/same-plan.ts). The deploy gate (check-reviewed-plan.mjs) compares its fresh plan with it.
//
//   node scripts/bind-reviewed-plan.mjs PLANS_DIR OUT_FILE --pr N|none --head SHA
import { readdirSync, readFileSync, existsSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

function fail(message) {
  process.stderr.write(`bind-reviewed-plan: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
const [plansDir, outFile] = args;
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const pr = opt('--pr');
const head = opt('--head');
if (!plansDir || !outFile || !pr || !head)
  fail('usage: bind-reviewed-plan.mjs PLANS_DIR OUT_FILE --pr N|none --head SHA');
if (pr !== 'none' && !/^[1-9]\d*$/.test(pr)) fail(`--pr must be a number or none, got '${pr}'`);
if (!/^[0-9a-f]{40}$/.test(head)) fail(`--head must be a full commit SHA, got '${head}'`);

const ID = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const digests = {};
for (const id of existsSync(plansDir) ? readdirSync(plansDir).sort() : []) {
  const file = join(plansDir, id, 'plan.sha256');
  if (!ID.test(id) || !existsSync(file)) continue;
  const digest = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(digest)) fail(`${file} is not a SHA-256 digest`);
  digests[id] = digest;
}
const binding = { pullRequest: pr === 'none' ? null : Number(pr), headSha: head, digests };
writeFileSync(`${outFile}.tmp`, JSON.stringify(binding, null, 2) + '\n');
renameSync(`${outFile}.tmp`, outFile);
process.stdout.write(
  `bound ${Object.keys(digests).length} plan(s) to ${pr === 'none' ? 'no pull request' : `#${pr}`} at ${head}\n`,
);
