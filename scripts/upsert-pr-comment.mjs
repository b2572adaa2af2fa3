#!/usr/bin/env node
// Upsert the sticky linkforge comment on a pull request (or issue) through the GitHub REST API:
// one comment, or several parts when the text passes GitHub's comment size limit, updated in
// place on every run.
//
//   node scripts/upsert-pr-comment.mjs FILE [--issue N] [--marker KEY]
//
// Needs GITHUB_TOKEN and GITHUB_REPOSITORY (set by GitHub Actions); the pull request number comes
// from the event payload unless --issue is given. Splitting and the choice of which comments to
// update, create or delete are pure functions in src/pr/comment.ts (unit-tested); this file only
// does the HTTP calls, so it reads the compiled module (`npm run build` first).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { commentMarker, planCommentUpdates, splitForComments } = require('../dist/src/pr/comment.js');

// Comments made with the workflow's GITHUB_TOKEN are authored by this app user.
const AUTHOR = process.env.LINKFORGE_COMMENT_AUTHOR || 'github-actions[bot]';

function fail(message) {
  process.stderr.write(`upsert-pr-comment: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { file: undefined, issue: undefined, marker: 'plan-summary' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--issue') args.issue = argv[++i];
    else if (argv[i] === '--marker') args.marker = argv[++i];
    else if (!args.file) args.file = argv[i];
    else fail(`unexpected argument '${argv[i]}'`);
  }
  if (!args.file) fail('usage: upsert-pr-comment.mjs FILE [--issue N] [--marker KEY]');
  return args;
}

function issueNumber(explicit) {
  if (explicit !== undefined) {
    if (!/^\d+$/.test(explicit)) fail(`--issue must be a number, got '${explicit}'`);
    return Number(explicit);
  }
  const eventPath = process.env.GITHUB_EVENT_PATH;
  const event = eventPath ? JSON.parse(readFileSync(eventPath, 'utf8')) : {};
  const n = event.pull_request?.number ?? event.issue?.number;
  if (!n) fail('no pull request in the event payload: pass --issue N');
  return n;
}

async function api(method, path, body) {
  const base = process.env.GITHUB_API_URL || 'https://api.github.com';
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${process.env.GITHUB_TOKEN}`,
      'x-github-api-version': '2022-11-28',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) fail(`${method} ${path}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res.status === 204 ? undefined : res.json();
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const repo = process.env.GITHUB_REPOSITORY;
  if (!process.env.GITHUB_TOKEN || !repo) fail('GITHUB_TOKEN and GITHUB_REPOSITORY must be set');
  const issue = issueNumber(args.issue);
  const marker = commentMarker(args.marker);
  const parts = splitForComments(readFileSync(args.file, 'utf8'), { marker });

  const existing = [];
  for (let page = 1; ; page++) {
    const batch = await api('GET', `/repos/${repo}/issues/${issue}/comments?per_page=100&page=${page}`);
    existing.push(...batch);
    if (batch.length < 100) break;
  }
  const plan = planCommentUpdates(existing, parts, { marker, author: AUTHOR });
  for (const { id, body } of plan.update)
    await api('PATCH', `/repos/${repo}/issues/comments/${id}`, { body });
  for (const body of plan.create) await api('POST', `/repos/${repo}/issues/${issue}/comments`, { body });
  for (const id of plan.delete) await api('DELETE', `/repos/${repo}/issues/comments/${id}`);
  process.stdout.write(
    `#${issue}: ${parts.length} part(s); ${plan.update.length} updated, ${plan.create.length} created, ${plan.delete.length} deleted\n`,
  );
}

main().catch((e) => fail(e instanceof Error ? e.message : String(e)));
