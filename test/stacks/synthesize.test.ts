import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stageSynthesis, synthesize } from '../../src/stacks/synthesize';
import { fleet, loaded, peeringCustomer, settingsWith, vpnCustomer } from './customers';

/** Every file under `dir` with its bytes, by relative path. */
function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const stackFile = (outdir: string, id: string) => path.join(outdir, 'stacks', id, 'cdk.tf.json');

describe('synthesize', () => {
  let project: string;
  const settings = settingsWith();
  const opts = (over = {}) => ({ outdir: 'cdktf.out', projectDir: project, ...over });
  const outdir = () => path.join(project, 'cdktf.out');
  const siblings = () => fs.readdirSync(project).sort();

  beforeEach(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-synth-'));
  });
  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

  it('staged: nothing in place until commit; discard leaves an earlier output exactly as it was', () => {
    synthesize(loaded(vpnCustomer()), settings, opts());
    const before = snapshotDir(outdir());
    const discarded = stageSynthesis(loaded(vpnCustomer(), peeringCustomer()), settings, opts());
    expect(discarded.stacks.map((s) => s.id)).toEqual(['acme-corp', 'globex']);
    expect(snapshotDir(outdir())).toEqual(before);
    discarded.discard();
    expect(snapshotDir(outdir())).toEqual(before);
    expect(siblings()).toEqual(['cdktf.out']);

    const staged = stageSynthesis(loaded(vpnCustomer(), peeringCustomer()), settings, opts());
    expect(snapshotDir(outdir())).toEqual(before);
    staged.commit();
    expect(fs.existsSync(stackFile(outdir(), 'acme-corp'))).toBe(true);
    expect(siblings()).toEqual(['cdktf.out']);
    // The same bytes as a synthesis in one step.
    const committed = snapshotDir(outdir());
    synthesize(loaded(vpnCustomer(), peeringCustomer()), settings, opts());
    expect(snapshotDir(outdir())).toEqual(committed);
  });

  it('writes one cdk.tf.json per customer and a manifest, and reports each stack', () => {
    const result = synthesize(
      loaded(vpnCustomer(), peeringCustomer({ decommission: true })),
      settings,
      opts(),
    );
    expect(result).toEqual([
      {
        id: 'acme-corp',
        dir: 'cdktf.out/stacks/acme-corp',
        decommission: true,
        connectivityType: 'vpc-peering',
      },
      {
        id: 'globex',
        dir: 'cdktf.out/stacks/globex',
        decommission: false,
        connectivityType: 'site-to-site-vpn',
      },
    ]);
    expect(Object.keys(snapshotDir(outdir())).sort()).toEqual([
      '.linkforge-output',
      'manifest.json',
      'stacks/acme-corp/cdk.tf.json',
      'stacks/globex/cdk.tf.json',
    ]);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir(), 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toEqual(['acme-corp', 'globex']);
    expect(manifest.stacks.globex.synthesizedStackPath).toBe('stacks/globex/cdk.tf.json');
    expect(siblings()).toEqual(['cdktf.out']); // no temporary directory left behind
  });

  it('writes local state paths that resolve to <project>/state/<id>', () => {
    synthesize(loaded(peeringCustomer()), settings, opts());
    const json = JSON.parse(fs.readFileSync(stackFile(outdir(), 'acme-corp'), 'utf8'));
    const statePath = json.terraform.backend.local.path;
    expect(path.resolve(outdir(), 'stacks', 'acme-corp', statePath)).toBe(
      path.join(project, 'state', 'acme-corp', 'terraform.tfstate'),
    );
  });

  it('is deterministic: two runs give byte-identical output, whatever the batch size', () => {
    const customers = loaded(...fleet(12));
    synthesize(customers, settings, opts());
    const first = snapshotDir(outdir());
    synthesize([...customers].reverse(), settings, opts({ batchSize: 5 }));
    expect(snapshotDir(outdir())).toEqual(first);
    synthesize(customers, settings, opts({ batchSize: 1 }));
    expect(snapshotDir(outdir())).toEqual(first);
  });

  it('contains nothing run-dependent (no timestamps, absolute paths or stack traces)', () => {
    synthesize(loaded(peeringCustomer(), vpnCustomer()), settings, opts());
    for (const [file, text] of Object.entries(snapshotDir(outdir()))) {
      expect({ file, hasProject: text.includes(project) }).toEqual({ file, hasProject: false });
      expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:|stacktrace|\.ts:\d+/);
    }
  });

  describe('isolation: one customer changes, every other stack stays byte-identical', () => {
    const base = fleet(8);
    const othersOf = (id: string) =>
      Object.fromEntries(
        Object.entries(snapshotDir(path.join(outdir(), 'stacks'))).filter(([f]) => !f.startsWith(`${id}/`)),
      );

    it.each([
      [
        'added',
        (cs: typeof base) => [
          ...cs,
          peeringCustomer({ id: 'newcomer', orgId: 'aaaaaaaa-0000-4000-8000-000000000000' }),
        ],
      ],
      [
        'changed',
        (cs: typeof base) =>
          cs.map((c) => (c.id === 'customer-0003' ? { ...c, vendorCidr: '10.250.0.0/24' } : c)),
      ],
      ['removed', (cs: typeof base) => cs.filter((c) => c.id !== 'customer-0005')],
    ])('%s', (_what, change) => {
      synthesize(loaded(...base), settings, opts());
      const touched = { added: 'newcomer', changed: 'customer-0003', removed: 'customer-0005' }[
        _what
      ] as string;
      const before = othersOf(touched);
      synthesize(loaded(...change(base)), settings, opts());
      expect(othersOf(touched)).toEqual(before);
      expect(fs.existsSync(stackFile(outdir(), touched))).toBe(_what !== 'removed');
    });
  });

  it('a failure leaves the earlier output exactly as it was, and no temporary directory', () => {
    synthesize(loaded(peeringCustomer(), vpnCustomer()), settings, opts());
    const before = snapshotDir(outdir());
    const broken = peeringCustomer({ id: 'broken', vendorCidr: '10.0.0.0/27' }); // too small to split
    expect(() => synthesize(loaded(peeringCustomer(), vpnCustomer(), broken), settings, opts())).toThrow(
      /too small/,
    );
    expect(snapshotDir(outdir())).toEqual(before);
    expect(siblings()).toEqual(['cdktf.out']);
  });

  it('errors thrown during synthesis keep their stack trace, and the stack trace hook is restored', () => {
    const hook = Error.prepareStackTrace;
    const broken = peeringCustomer({ vendorCidr: '10.0.0.0/27' });
    let error: unknown;
    try {
      synthesize(loaded(broken), settings, opts());
    } catch (e) {
      error = e;
    }
    expect(Error.prepareStackTrace).toBe(hook);
    expect((error as Error).stack).toMatch(/splitCidr/);
  });

  it('with ids: replaces only those stacks and keeps every other stack directory untouched', () => {
    synthesize(loaded(peeringCustomer(), vpnCustomer()), settings, opts());
    // Something terraform left in the other stack's directory must survive.
    fs.writeFileSync(path.join(outdir(), 'stacks', 'globex', '.terraform.lock.hcl'), 'lock');
    const globexBefore = fs.readFileSync(stackFile(outdir(), 'globex'), 'utf8');

    const changed = peeringCustomer({ vendorCidr: '10.201.0.0/24' });
    const result = synthesize(
      loaded(changed, vpnCustomer({ vendorCidr: '10.9.0.0/24' })),
      settings,
      opts({ ids: ['acme-corp'] }),
    );

    expect(result.map((s) => s.id)).toEqual(['acme-corp']);
    expect(fs.readFileSync(stackFile(outdir(), 'acme-corp'), 'utf8')).toContain('10.201.0.0/24');
    expect(fs.readFileSync(stackFile(outdir(), 'globex'), 'utf8')).toBe(globexBefore);
    expect(fs.readFileSync(path.join(outdir(), 'stacks', 'globex', '.terraform.lock.hcl'), 'utf8')).toBe(
      'lock',
    );
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir(), 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toEqual(['acme-corp', 'globex']);
    expect(siblings()).toEqual(['cdktf.out']);
  });

  it('with ids into an empty project: writes just those', () => {
    synthesize(loaded(peeringCustomer(), vpnCustomer()), settings, opts({ ids: ['globex'] }));
    expect(Object.keys(snapshotDir(outdir())).sort()).toEqual([
      '.linkforge-output',
      'manifest.json',
      'stacks/globex/cdk.tf.json',
    ]);
  });

  it('an unknown id is an error that names it, and writes nothing', () => {
    expect(() =>
      synthesize(loaded(peeringCustomer()), settings, opts({ ids: ['nope', 'acme-corp'] })),
    ).toThrow(/unknown customer id\(s\): nope/);
    expect(siblings()).toEqual([]);
  });

  it('two files with one id is an error that names both files', () => {
    const twice = [
      ...loaded(peeringCustomer()),
      { file: 'customers/acme-corp.yml', customer: peeringCustomer() },
    ];
    expect(() => synthesize(twice, settings, opts())).toThrow(
      /customers\/acme-corp.yaml and customers\/acme-corp.yml/,
    );
  });
});
