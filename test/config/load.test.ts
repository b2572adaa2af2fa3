import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkSources, loadProject } from '../../src/config/load';
import { sortDiagnostics } from '../../src/config/diagnostics';
import { DEFAULT_SETTINGS } from '../../src/config/settings';
import { peeringYaml } from './yaml-docs';

const REPO = path.join(__dirname, '..', '..');

const peering = peeringYaml;

describe('checkSources', () => {
  it('returns typed customers for valid files and nothing for invalid ones', () => {
    const r = checkSources(
      [
        { path: 'c/good.yaml', text: peering('good') },
        { path: 'c/bad.yaml', text: peering('bad', 'beef').replace('plan: enterprise', 'plan: gold') },
      ],
      DEFAULT_SETTINGS,
    );
    expect(r.customers.map((c) => [c.file, c.customer.id])).toEqual([['c/good.yaml', 'good']]);
    expect(r.diagnostics.map((d) => [d.file, d.code])).toEqual([['c/bad.yaml', 'INVALID_VALUE']]);
  });

  it('reports a duplicate file stem in every file involved', () => {
    const r = checkSources(
      [
        { path: 'c/a.yml', text: peering('a', 'aaaa') },
        { path: 'c/a.yaml', text: peering('a', 'bbbb') },
      ],
      DEFAULT_SETTINGS,
    );
    const stems = r.diagnostics.filter((d) => d.code === 'FILE_STEM_DUPLICATE');
    expect(stems.map((d) => d.file)).toEqual(['c/a.yaml', 'c/a.yml']);
    expect(stems[0].message).toContain('c/a.yml');
    expect(stems[1].message).toContain('c/a.yaml');
    expect(r.customers).toEqual([]);
  });

  it('ignores files that are not .yaml or .yml', () => {
    const r = checkSources(
      [
        { path: 'c/customer.schema.json', text: '{' },
        { path: 'c/README.md', text: '# hi' },
        { path: 'c/ok.yaml', text: peering('ok') },
      ],
      DEFAULT_SETTINGS,
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.customers).toHaveLength(1);
  });

  it('sorts diagnostics and is independent of input order', () => {
    const sources = [
      { path: 'c/z.yaml', text: 'id: z\nfoo: 1\n' },
      { path: 'c/m.yaml', text: '' },
      { path: 'c/a.yaml', text: 'a: [' },
    ];
    const one = checkSources(sources, DEFAULT_SETTINGS).diagnostics;
    const two = checkSources([...sources].reverse(), DEFAULT_SETTINGS).diagnostics;
    expect(one).toEqual(two);
    expect(one).toEqual(sortDiagnostics(one));
    expect(one[0].file).toBe('c/a.yaml');
  });
});

describe('loadProject', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lf-load-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('validates the example customers with no diagnostics', () => {
    const cwd = process.cwd();
    try {
      process.chdir(REPO);
      const r = loadProject();
      expect(r.diagnostics).toEqual([]);
      expect(r.customers.map((c) => c.file)).toEqual(r.files);
      expect(r.files.every((f) => f.startsWith('customers/'))).toBe(true);
      expect(r.customers.map((c) => c.customer.connectivity.type).sort()).toEqual([
        'site-to-site-vpn',
        'site-to-site-vpn',
        'transit-gateway',
        'vpc-peering',
        'vpc-peering',
      ]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('reads every .yaml/.yml file of the folder in sorted order, skipping other files', () => {
    fs.writeFileSync(path.join(dir, 'b.yaml'), peering('b', 'bbbb'));
    fs.writeFileSync(path.join(dir, 'a.yml'), peering('a', 'aaaa'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not yaml');
    fs.mkdirSync(path.join(dir, 'sub.yaml'));
    const r = loadProject({ customersDir: dir, cdktfJson: path.join(REPO, 'cdktf.json') });
    expect(r.diagnostics).toEqual([]);
    expect(r.customers.map((c) => c.customer.id)).toEqual(['a', 'b']);
    expect(r.files.map((f) => path.basename(f))).toEqual(['a.yml', 'b.yaml']);
  });

  it('turns a missing folder into a diagnostic', () => {
    const r = loadProject({ customersDir: path.join(dir, 'nope'), cdktfJson: path.join(REPO, 'cdktf.json') });
    expect(r.customers).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'CUSTOMERS_DIR_UNREADABLE', severity: 'error' });
    expect(r.diagnostics[0].message).toMatch(/does not exist/);
  });

  it('refuses a file over the size limit without reading all of it', () => {
    const big = path.join(dir, 'big.yaml');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 64 * 1024 * 1024); // sparse: 64 MiB of zeros
    const started = Date.now();
    const r = loadProject({ customersDir: dir, cdktfJson: path.join(REPO, 'cdktf.json') });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['FILE_TOO_LARGE']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports settings problems together with customer problems', () => {
    const cdktf = path.join(dir, 'cdktf.json');
    fs.writeFileSync(cdktf, JSON.stringify({ context: { linkforge: { allowedRegions: [] } } }));
    fs.mkdirSync(path.join(dir, 'customers'));
    fs.writeFileSync(path.join(dir, 'customers', 'x.yaml'), 'id: x\n');
    const r = loadProject({ customersDir: path.join(dir, 'customers'), cdktfJson: cdktf });
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual([
      'MISSING_KEY',
      'MISSING_KEY',
      'MISSING_KEY',
      'MISSING_KEY',
      'SETTINGS_INVALID',
    ]);
  });
});
