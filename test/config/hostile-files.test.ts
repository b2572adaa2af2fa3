/**
 * Regression cases from the security review (issue 10): files crafted to make validation slow, to
 * read outside the project, or to hang it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MAX_DIAGNOSTICS_PER_FILE, MORE_DIAGNOSTICS } from '../../src/config/diagnostics';
import { checkSources, loadProject } from '../../src/config/load';
import { DEFAULT_SETTINGS } from '../../src/config/settings';
import { MAX_ALIAS_NODES, readYaml } from '../../src/config/yaml-source';

const HEAD = `id: acme-corp
name: Acme Corp
orgId: 6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a1f34
plan: enterprise
connectivity:
  type: vpc-peering
  peer:
    accountId: '111122223333'
    vpcId: vpc-0a1b2c3d4e5f67890
    region: eu-west-1
    cidrs: [172.31.0.0/16]
`;

describe('aliases: resolved once, diagnostics capped', () => {
  // The review's case: 8,000 bad ports behind one alias (about 16 KB) took 9.6 s.
  const bad = Array.from({ length: 8000 }, () => '"x"').join(',');
  const text = `${HEAD}  allowedTcpPorts: &p [${bad}]\nx-copy: *p\n`;

  it('reports the first problems and one "and N more" line, not 8,000 lines', () => {
    const { diagnostics } = checkSources([{ path: 'customers/acme-corp.yaml', text }], DEFAULT_SETTINGS);
    expect(diagnostics.length).toBe(MAX_DIAGNOSTICS_PER_FILE + 1);
    const more = diagnostics.find((d) => d.code === MORE_DIAGNOSTICS)!;
    expect(more.message).toMatch(/^and \d+ more problems in this file, not shown \(at most 100 per file\)/);
    expect(Number(/and (\d+) more/.exec(more.message)![1])).toBeGreaterThan(7800);
    expect(more.line).toBeGreaterThan(0);
  });

  it('locates diagnostics behind an alias without searching the document per diagnostic', () => {
    const r = readYaml('a.yaml', text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // Every one of the 8,000 items resolves through the alias to the anchored list, in line 12.
    for (let i = 0; i < 8000; i += 97) expect(r.source.locate(['x-copy', i]).line).toBe(12);
  });

  it('keeps values shared by an alias and refuses an expansion past the limit', () => {
    const r = readYaml('a.yaml', 'a: &n [10.0.0.0/16]\nb: *n\n');
    expect(r.ok && r.value).toEqual({ a: ['10.0.0.0/16'], b: ['10.0.0.0/16'] });
    const many = Array.from({ length: MAX_ALIAS_NODES }, () => '1').join(',');
    const over = readYaml('a.yaml', `a: &n [${many}]\nb: *n\n`);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.diagnostics[0].code).toBe('YAML_ALIAS_LIMIT');
    const recursive = readYaml('a.yaml', 'a: &n [*n]\n');
    expect(!recursive.ok && recursive.diagnostics[0].code).toBe('YAML_SYNTAX');
  });

  it('`__proto__` is an own key, never the prototype', () => {
    const r = readYaml('a.yaml', '__proto__: {polluted: true}\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('customers folder: symbolic links and special files are errors, never followed or opened', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-hostile-'));
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'root:x:0:0:TOP-SECRET-CONTENT\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a link to another file: FILE_NOT_REGULAR, and its content appears nowhere', () => {
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(dir, 'passwd.yaml'));
    const r = loadProject({ customersDir: dir, cdktfJson: path.join(dir, 'none.json') });
    const d = r.diagnostics.find((x) => x.file.endsWith('passwd.yaml'))!;
    expect(d).toMatchObject({ code: 'FILE_NOT_REGULAR', line: 1, column: 1, severity: 'error' });
    expect(d.message).toMatch(/^a symbolic link, not a regular file/);
    expect(JSON.stringify(r.diagnostics)).not.toContain('TOP-SECRET');
  });

  it('a FIFO, directly or through a link: FILE_NOT_REGULAR at once, no hang', () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    fs.symlinkSync(path.join(dir, 'pipe.yaml'), path.join(dir, 'to-pipe.yaml'));
    const started = Date.now();
    const r = loadProject({ customersDir: dir, cdktfJson: path.join(dir, 'none.json') });
    expect(Date.now() - started).toBeLessThan(10_000);
    const byFile = Object.fromEntries(r.diagnostics.map((d) => [path.basename(d.file), d]));
    expect(byFile['pipe.yaml']).toMatchObject({ code: 'FILE_NOT_REGULAR' });
    expect(byFile['pipe.yaml'].message).toMatch(/^a FIFO \(named pipe\), not a regular file/);
    expect(byFile['to-pipe.yaml']).toMatchObject({ code: 'FILE_NOT_REGULAR' });
  });
});
