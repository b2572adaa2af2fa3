/**
 * A fake terraform executable for tests of the runner and the plan command: it records every call
 * (command, arguments, stack directory, selected environment variables) in
 * `$FAKE_TF_CONTROL/calls.jsonl`, the width of concurrent plans in `concurrency.log`, fails a
 * command when the stack directory holds `FAIL_<command>` or `$FAKE_TF_FAIL` lists `<stack>:<command>`
 * (`*:<command>`: in every directory)
 * (with `$FAKE_TF_ERROR` as the error text when set),
 * exits from `plan -detailed-exitcode` with 0 (no changes) for the stacks in `$FAKE_TF_NO_CHANGES`
 * and 2 for the others, and answers `show -json` with no changes for the stacks in
 * `$FAKE_TF_NO_CHANGES`, else
 * `show.json` from the stack directory or a fixed plan (create, update, delete, replace, read,
 * no-op). `version` reports `$FAKE_TF_VERSION` (default 1.11.4), as JSON with `-json`. With
 * `$FAKE_TF_PROVIDER` set, `plan` starts a "provider" child (its command line holds that value)
 * that ignores SIGINT, as a real provider plugin does.
 */
import * as fs from 'fs';
import * as path from 'path';

const FAKE = `
if (process.argv[2] === 'version') {
  const v = process.env.FAKE_TF_VERSION || '1.11.4';
  process.stdout.write(process.argv[3] === '-json' ? JSON.stringify({ terraform_version: v, platform: 'linux_amd64' }) + '\\n' : 'Terraform v' + v + '\\n');
  process.exit(0);
}
const fs = require('fs');
const path = require('path');
const [cmd, ...args] = process.argv.slice(2);
const ctl = process.env.FAKE_TF_CONTROL;
const dir = process.cwd();
const stack = path.basename(dir);
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const record = (extra) => fs.appendFileSync(path.join(ctl, 'calls.jsonl'), JSON.stringify({ cmd, args, stack, t: Date.now(), ...extra }) + '\\n');
record({
  phase: 'start',
  lockExisted: fs.existsSync(path.join(dir, '.terraform.lock.hcl')),
  env: {
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID,
    AWS_PROFILE: process.env.AWS_PROFILE,
    AWS_EC2_METADATA_DISABLED: process.env.AWS_EC2_METADATA_DISABLED,
    TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE,
    TF_IN_AUTOMATION: process.env.TF_IN_AUTOMATION,
    TF_DATA_DIR: process.env.TF_DATA_DIR,
  },
});
const failEnv = (process.env.FAKE_TF_FAIL || '').split(',');
if (fs.existsSync(path.join(dir, 'FAIL_' + cmd)) || failEnv.includes(stack + ':' + cmd) || failEnv.includes('*:' + cmd)) {
  process.stderr.write('\\nError: ' + (process.env.FAKE_TF_ERROR || 'simulated ' + cmd + ' failure') + '\\n\\n  on cdk.tf.json line 3:\\n  the details\\n\\n');
  process.exit(1);
}
if (cmd === 'init') {
  sleep(Number(process.env.FAKE_TF_INIT_MS || 0));
  // Like terraform: an existing, consistent lock file is kept as it is.
  const lock = path.join(dir, '.terraform.lock.hcl');
  if (!fs.existsSync(lock)) fs.writeFileSync(lock, '# lock from ' + stack + '\\n');
}
if (cmd === 'plan') {
  const running = path.join(ctl, 'running');
  fs.mkdirSync(running, { recursive: true });
  const me = path.join(running, String(process.pid));
  fs.writeFileSync(me, '');
  fs.appendFileSync(path.join(ctl, 'concurrency.log'), fs.readdirSync(running).length + '\\n');
  if (process.env.FAKE_TF_PROVIDER) {
    // A provider plugin: a child in terraform's process group that ignores SIGINT and outlives
    // its parent unless someone kills it (what a real terraform-provider-aws did when orphaned).
    require('child_process').spawn(
      process.execPath,
      ['-e', "process.on('SIGINT', () => {}); setInterval(() => {}, 1000); // " + process.env.FAKE_TF_PROVIDER],
      { stdio: 'ignore' },
    );
  }
  sleep(Number(process.env.FAKE_TF_PLAN_MS || 200));
  fs.unlinkSync(me);
  const out = args.find((a) => a.startsWith('-out=')).slice(5);
  fs.writeFileSync(out, 'fake plan of ' + stack);
  // As terraform: with -detailed-exitcode, 0 for an empty plan and 2 for one with changes.
  if (args.includes('-detailed-exitcode')) {
    const empty = (process.env.FAKE_TF_NO_CHANGES || '').split(',').includes(stack);
    record({ phase: 'end' });
    process.exit(empty ? 0 : 2);
  }
}
if (cmd === 'show') {
  const custom = path.join(dir, 'show.json');
  const noChanges = (process.env.FAKE_TF_NO_CHANGES || '').split(',').includes(stack);
  if (noChanges) process.stdout.write(JSON.stringify({ format_version: '1.2', resource_changes: [] }));
  else process.stdout.write(fs.existsSync(custom) ? fs.readFileSync(custom, 'utf8') : JSON.stringify({
    format_version: '1.2',
    planned_values: { big: 'dropped from the in-memory copy' },
    resource_changes: [
      { address: 'aws_vpc.a', type: 'aws_vpc', name: 'a', change: { actions: ['create'], before: null, after: {} } },
      { address: 'aws_subnet.b', type: 'aws_subnet', name: 'b', change: { actions: ['update'], before: {}, after: {} } },
      { address: 'aws_route.c', type: 'aws_route', name: 'c', change: { actions: ['delete'], before: {}, after: null } },
      { address: 'aws_customer_gateway.d', type: 'aws_customer_gateway', name: 'd', action_reason: 'replace_because_cannot_update',
        change: { actions: ['delete', 'create'], before: {}, after: {}, replace_paths: [['ip_address']] } },
      { address: 'data.x.y', type: 'x', name: 'y', change: { actions: ['read'] } },
      { address: 'aws_vpc.e', type: 'aws_vpc', name: 'e', change: { actions: ['no-op'] } },
    ],
  }));
}
record({ phase: 'end' });
`;

/** Write the fake as `<dir>/terraform` (run by the current Node binary) and return its path. */
export function writeFakeTerraform(dir: string): string {
  const binary = path.join(dir, 'terraform');
  fs.writeFileSync(binary, `#!${process.execPath}\n${FAKE}`, { mode: 0o755 });
  return binary;
}
