#!/usr/bin/env node
// Does a pull request change code? Reads the changed paths (one per line, as `gh api
// .../pulls/N/files --jq '.[].filename'` prints them) on stdin and prints `true` or `false`.
//
// Only customer files are data: a pull request that changes nothing else is planned with AWS
// credentials by the base branch's code, reading its customers/ as data. Anything else (src,
// scripts, package files, workflows, the lock files, cdktf.json, tests, docs) is code, or may be
// read by code: such a pull request is planned offline until merged, or until a maintainer approves
// its plan in the protected `pr-plan-reviewed` environment. See docs/security.md.
const DATA = /^customers\/[^/]+\.ya?ml$/;

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const paths = input.split('\n').filter((l) => l !== '');
  // No file list at all is not "no code": fail closed.
  const code = paths.length === 0 || paths.some((p) => !DATA.test(p));
  process.stdout.write(`${code}\n`);
});
