/**
 * The CLI as a user meets it: --help on every command (exit 0), --version, "did you mean" for a
 * mistyped command, `list`, colour only on a terminal (NO_COLOR honoured), the messages for the
 * usual first mistakes (tabs, a missing orgId), and a notice for files in customers/ that are not
 * read. Commands run in-process where they take an Output, as a process for the dispatcher.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { run as list } from '../../src/cli/list';
import type { Output } from '../../src/cli/output';
import { colourEnabled } from '../../src/cli/style';
import { run as validate } from '../../src/cli/validate';
import { peeringYaml } from '../config/yaml-docs';
import { useTempProject } from './temp-project';

const REPO = path.join(__dirname, '..', '..');
const CLI = path.join(REPO, 'src', 'cli', 'index.ts');

/** The CLI through ts-node (transpile only), so the test needs no earlier build. */
function cli(args: string[], cwd = REPO) {
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_PROJECT: path.join(REPO, 'tsconfig.json') },
  });
}

function capture(colour = false): Output & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    stdoutColour: colour,
    stderrColour: colour,
    out: () => out,
    err: () => err,
  };
}

describe('linkforge: commands as users expect', () => {
  it.each(['validate', 'synth', 'plan', 'affected', 'generate', 'list', 'handoff', 'status'])(
    '%s --help prints its usage and exits 0',
    (command) => {
      const r = cli([command, '--help']);
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      expect(r.stdout).toContain(`usage: linkforge ${command}`);
    },
  );

  it('--version prints the package version; a mistyped command gets a suggestion', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    const v = cli(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout).toBe(`linkforge ${pkg.version}\n`);
    const typo = cli(['valdate']);
    expect(typo.status).toBe(1);
    expect(typo.stderr).toContain("linkforge: unknown command 'valdate'; did you mean 'validate'?");
  });
});

describe('linkforge list', () => {
  const cwd = process.cwd();
  beforeAll(() => process.chdir(REPO));
  afterAll(() => process.chdir(cwd));

  it('one row per customer: id, type, region, plan, state', async () => {
    const io = capture();
    expect(await list([], io)).toBe(0);
    const rows = io.out().trimEnd().split('\n');
    expect(rows[0]).toMatch(/^ID +TYPE +REGION +PLAN +STATE$/);
    expect(rows.find((r) => r.startsWith('acme-corp '))).toMatch(
      /^acme-corp +vpc-peering +[a-z0-9-]+ +(team|enterprise) +(accepted|pending acceptance|decommissioned)$/,
    );
    expect(rows.find((r) => r.startsWith('initech '))).toMatch(/ accepted$/);
    expect(rows.find((r) => r.startsWith('globex '))).toMatch(/^globex +site-to-site-vpn .* active$/);
  });

  it('--format json: the same facts for tools', async () => {
    const io = capture();
    expect(await list(['--format', 'json'], io)).toBe(0);
    const rows = JSON.parse(io.out()) as {
      id: string;
      type: string;
      accepted?: boolean;
      decommission: boolean;
    }[];
    const initech = rows.find((r) => r.id === 'initech')!;
    expect(initech).toMatchObject({ type: 'vpc-peering', accepted: true, decommission: false });
    expect(rows.find((r) => r.id === 'globex')).not.toHaveProperty('accepted');
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort());
  });
});

describe('validate: first mistakes and the customers folder', () => {
  const project = useTempProject('lf-commands-');
  const { write } = project;

  it('a tab used for indentation: the message says to indent with spaces', async () => {
    write('tabby.yaml', 'id: tabby\nname: Tabby\nconnectivity:\n\ttype: vpc-peering\n');
    const io = capture();
    expect(await validate([], io)).toBe(1);
    expect(io.out()).toContain(
      'customers/tabby.yaml:4:1: error YAML_SYNTAX: invalid YAML: a tab is used for indentation',
    );
    expect(io.out()).toContain('indent with spaces');
  });

  it("a missing orgId: the fix never suggests another customer's orgId", async () => {
    const orgIds = fs
      .readdirSync(path.join(REPO, 'customers'))
      .map(
        (f) => /^orgId: *([0-9a-f-]+)/m.exec(fs.readFileSync(path.join(REPO, 'customers', f), 'utf8'))?.[1],
      )
      .filter((v): v is string => v !== undefined);
    expect(orgIds.length).toBeGreaterThan(0);
    write('no-org.yaml', peeringYaml('no-org').replace(/^orgId: .*\n/m, ''));
    const io = capture();
    expect(await validate([], io)).toBe(1);
    expect(io.out()).toContain('error MISSING_KEY: orgId is missing');
    for (const id of orgIds) expect(io.out()).not.toContain(id);
    expect(io.out()).toContain("add orgId: <this customer's own UUID>");
  });

  it('files that are not read are named, with why; hidden files are not', async () => {
    write('good.yaml', peeringYaml('good'));
    write('good.yaml.bak', peeringYaml('good'));
    write('.gitkeep', '');
    fs.mkdirSync(path.join(project.dir(), 'customers', 'old'));
    write('old/retired.yaml', peeringYaml('retired'));
    const io = capture();
    expect(await validate([], io)).toBe(0);
    expect(io.err()).toContain(
      'notice: customers/good.yaml.bak is not read: only files named <id>.yaml or <id>.yml are customer files\n',
    );
    expect(io.err()).toContain('notice: customers/old/ is not read: sub-folders are not searched');
    expect(io.err()).not.toContain('.gitkeep');
    expect(io.err()).toContain('1 file, 0 errors, 0 warnings');
  });

  it('colour only when the output is a terminal, never with NO_COLOR', async () => {
    write('bad.yaml', 'id: bad\n');
    const plain = capture(false);
    await validate([], plain);
    expect(plain.out()).not.toContain('\u001b[');
    const tty = capture(true);
    await validate([], tty);
    expect(tty.out()).toContain('\u001b[31m');
    // Without the codes, the same text.
    // eslint-disable-next-line no-control-regex
    expect(tty.out().replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain.out());
    expect(colourEnabled({ isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colourEnabled({ isTTY: false }, {})).toBe(false);
    expect(colourEnabled({}, {})).toBe(false);
  });
});
