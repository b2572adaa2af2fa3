import * as fs from 'fs';
import * as path from 'path';
import { destructiveChanges, forcingAttributes } from '../../src/pr/destructive';
import { formatPath } from '../../src/text/field-path';
import { renderSummary } from '../../src/pr/summary';
import type { StackPlanResult, TerraformPlanJson, TerraformResourceChange } from '../../src/plan/types';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'plans');

/** A real `terraform show -json` output from test/fixtures/plans (see its README). */
function plan(name: string): TerraformPlanJson {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as TerraformPlanJson;
}

function planned(
  id: string,
  fixture: string,
  connectivityType: StackPlanResult['connectivityType'],
  decommission = false,
): StackPlanResult {
  return {
    id,
    connectivityType,
    decommission,
    status: 'planned',
    plan: plan(fixture),
    planJsonFile: `cdktf.out/plans/${id}/plan.json`,
    durationMs: 1,
  };
}

describe('destructiveChanges on real plans', () => {
  it('names bgp_asn as what forces the customer gateway replacement', () => {
    const [d, ...rest] = destructiveChanges(plan('cgw-bgp-asn-replace'));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      address: 'aws_customer_gateway.customer_gateway',
      kind: 'replace',
      forcedBy: [{ path: 'bgp_asn', values: '"65010" → "65020"' }],
    });
    expect(d.consequence).toMatch(/new customer gateway, then the VPN connection is modified in place/);
    expect(d.consequence).toMatch(/old customer gateway is deleted last/);
  });

  it('the gateway replacement is planned create-then-delete, the connection updated in place', () => {
    const changes = plan('cgw-bgp-asn-replace').resource_changes!;
    const actions = (type: string) => changes.find((r) => r.type === type)!.change.actions;
    expect(actions('aws_customer_gateway')).toEqual(['create', 'delete']);
    expect(actions('aws_vpn_connection')).toEqual(['update']);
  });

  it('warns that a delete-first gateway replacement fails at apply', () => {
    const rc = plan('cgw-bgp-asn-replace').resource_changes!.find((r) => r.type === 'aws_customer_gateway')!;
    const deleteFirst: TerraformResourceChange = {
      ...rc,
      change: { ...rc.change, actions: ['delete', 'create'] },
    };
    const [d] = destructiveChanges({ resource_changes: [deleteFirst] });
    expect(d.kind).toBe('replace');
    expect(d.consequence).toMatch(/the apply will fail/);
  });

  it('switching routing static → bgp replaces the VPN connection, forced by static_routes_only', () => {
    const found = destructiveChanges(plan('vpn-static-to-bgp'));
    // The aws_vpn_connection_route deletion is not connectivity in this sense: the connection is.
    expect(found.map((d) => [d.address, d.kind, d.forcedBy.map((a) => a.path)])).toEqual([
      ['aws_vpn_connection.vpn_connection', 'replace', ['static_routes_only']],
    ]);
    expect(found[0].forcedBy[0].values).toBe('true → false');
    expect(found[0].consequence).toMatch(/new tunnel outside IP addresses and new pre-shared keys/);
  });

  it('a new peer VPC id means a new peering request to accept', () => {
    const [d] = destructiveChanges(plan('peering-peer-vpc-replace'));
    expect(d).toMatchObject({ type: 'aws_vpc_peering_connection', kind: 'replace' });
    expect(d.forcedBy).toEqual([
      { path: 'peer_vpc_id', values: '"vpc-0a1b2c3d4e5f67890" → "vpc-0fedcba9876543210"' },
    ]);
    expect(d.consequence).toMatch(/accepts it again/);
  });

  it('a destroy plan destroys the peering connection', () => {
    expect(destructiveChanges(plan('peering-decommission'))).toMatchObject([
      { address: 'aws_vpc_peering_connection.peering', kind: 'destroy', forcedBy: [] },
    ]);
  });

  it('creations, in-place updates and no-ops are not destructive', () => {
    for (const name of ['vpn-create', 'vpc-tags-update', 'no-changes'])
      expect(destructiveChanges(plan(name))).toEqual([]);
  });

  it('falls back to comparing before and after when replace_paths is absent', () => {
    const rc = plan('cgw-bgp-asn-replace').resource_changes!.find((r) => r.type === 'aws_customer_gateway')!;
    const change = { ...rc.change };
    delete change.replace_paths;
    const withoutPaths: TerraformResourceChange = { ...rc, change };
    // Only bgp_asn differs among known values ("" → null and unknown ids are not causes).
    expect(forcingAttributes(withoutPaths)).toEqual([{ path: 'bgp_asn', values: '"65010" → "65020"' }]);
  });

  it('never quotes values of attributes outside the allow-list (pre-shared keys are in plans)', () => {
    const rc: TerraformResourceChange = {
      address: 'aws_vpn_connection.v',
      type: 'aws_vpn_connection',
      name: 'v',
      change: {
        actions: ['delete', 'create'],
        before: { tunnel1_preshared_key: 'old-secret' },
        after: { tunnel1_preshared_key: 'new-secret' },
        replace_paths: [['tunnel1_preshared_key']],
      },
    };
    const [d] = destructiveChanges({ resource_changes: [rc] });
    expect(d.forcedBy).toEqual([{ path: 'tunnel1_preshared_key', values: undefined }]);
    expect(
      renderSummary([
        { id: 'x', decommission: false, status: 'planned', plan: { resource_changes: [rc] }, durationMs: 0 },
      ]),
    ).not.toMatch(/secret/);
  });

  it('formats nested attribute paths the way HCL writes them', () => {
    expect(formatPath(['tunnel1_log_options', 0, 'cloudwatch_log_options', 0, 'log_enabled'])).toBe(
      'tunnel1_log_options[0].cloudwatch_log_options[0].log_enabled',
    );
  });
});

describe('renderSummary', () => {
  const results: StackPlanResult[] = [
    planned('globex', 'cgw-bgp-asn-replace', 'site-to-site-vpn'),
    planned('acme-corp', 'peering-decommission', 'vpc-peering', true),
    planned('initech', 'vpn-create', 'site-to-site-vpn'),
    planned('hooli', 'no-changes', 'vpc-peering'),
    planned('umbrella', 'vpn-static-to-bgp', 'site-to-site-vpn'),
    planned('stark', 'vpc-tags-update', 'vpc-peering'),
    planned('wayne', 'no-changes', 'vpc-peering'),
    {
      id: 'cyberdyne',
      connectivityType: 'vpc-peering',
      decommission: false,
      status: 'failed',
      error: 'terraform plan failed: Error: Invalid provider configuration ```weird``` <b>html</b>',
      durationMs: 1,
    },
    {
      id: 'oldco',
      decommission: false,
      status: 'refused',
      error:
        'customers/oldco.yaml was removed but its stack still has 3 resources in state.\nSet decommission: true first.',
      durationMs: 1,
    },
  ];
  const md = renderSummary(results);
  const lines = md.split('\n');

  it('says first that a decommissioned customer will be destroyed', () => {
    expect(lines[0]).toBe('⚠ `acme-corp` will be DESTROYED (decommission: true): 3 resources to destroy.');
  });

  it('has the table with terraform-style counts and what each customer is: new, changed, decommissioned', () => {
    const row = (id: string) => lines.find((l) => l.startsWith(`| \`${id}\` |`));
    expect(row('acme-corp')).toBe('| `acme-corp` | `vpc-peering` | ⚠ decommissioned (destroy) | 0 | 0 | 3 |');
    expect(row('globex')).toBe('| `globex` | `site-to-site-vpn` | ⛔ changed, destructive | 1 | 1 | 1 |');
    expect(row('initech')).toBe('| `initech` | `site-to-site-vpn` | new | 4 | 0 | 0 |');
    expect(row('umbrella')).toBe('| `umbrella` | `site-to-site-vpn` | ⛔ changed, destructive | 1 | 0 | 2 |');
    expect(row('stark')).toBe('| `stark` | `vpc-peering` | changed | 0 | 1 | 0 |');
    expect(row('cyberdyne')).toBe('| `cyberdyne` | `vpc-peering` | ❌ failed | – | – | – |');
    expect(row('oldco')).toBe('| `oldco` | — | ⛔ refused | – | – | – |');
    // Customers without changes are one collapsed line, not rows.
    expect(row('hooli')).toBeUndefined();
    expect(md).toContain(
      '<details><summary>2 customers with no changes</summary>\n\n`hooli`, `wayne`\n\n</details>',
    );
    expect(md).toContain(
      '**7 customers planned** (1 new, 3 changed, 1 decommissioned, 2 without changes): 6 to add, 2 to change, 6 to destroy. **3 destructive changes to connectivity.** **1 refused.** **1 failed.**',
    );
  });

  it('warns loudly about each destructive change, naming the forcing attribute', () => {
    expect(md).toContain(
      '> `globex`: `aws_customer_gateway.customer_gateway` will be **REPLACED**, forced by `bgp_asn` (`"65010" → "65020"`).',
    );
    expect(md).toContain(
      '> `umbrella`: `aws_vpn_connection.vpn_connection` will be **REPLACED**, forced by `static_routes_only` (`true → false`).',
    );
    expect(md).toContain(
      '> `acme-corp`: `aws_vpc_peering_connection.peering` will be **DESTROYED** (decommission: true).',
    );
    // Loud: before the table, so no number of rows can hide it.
    expect(md.indexOf('Destructive changes to connectivity')).toBeLessThan(md.indexOf('| customer |'));
  });

  it('lists refusals and failures with their messages, the error in a collapsible block', () => {
    expect(md).toContain(
      '- `oldco`: customers/oldco.yaml was removed but its stack still has 3 resources in state. Set',
    );
    expect(md).toContain(
      '<details><summary><b><code>cyberdyne</code></b>: <code>terraform plan failed: Error: Invalid provider configuration ```weird``` &lt;b&gt;html&lt;/b&gt;</code></summary>',
    );
    // The fence is longer than any backtick run inside the error.
    expect(md).toContain('````text\nterraform plan failed');
  });

  it('is deterministic: the order of the results does not matter', () => {
    expect(renderSummary([...results].reverse())).toBe(md);
  });

  it('reads well when nothing changes, and when there is nothing to plan', () => {
    const quiet = renderSummary([planned('a', 'no-changes', 'vpc-peering')], { title: 'Plan for #12' });
    expect(quiet).toBe(
      '## Plan for #12\n\n**1 customer planned** (1 without changes): 0 to add, 0 to change, 0 to destroy.\n\n' +
        '<details><summary>1 customer with no changes</summary>\n\n`a`\n\n</details>\n',
    );
    expect(renderSummary([])).toBe('## linkforge plan\n\nNo customers to plan.\n');
  });

  it('reports a removed customer with no state left, and a finished decommission', () => {
    const md2 = renderSummary([
      { id: 'gone', decommission: false, status: 'planned', durationMs: 0 },
      { ...planned('done', 'no-changes', 'vpc-peering', true), plan: { resource_changes: [] } },
    ]);
    expect(md2.split('\n')[0]).toBe(
      '⚠ `done` is decommissioned (decommission: true): nothing left to destroy, its file can now be deleted.',
    );
    expect(md2).toContain('| `gone` | — | removed (no resources left) | – | – | – |');
  });

  it('renders 200 results quickly and compactly', () => {
    const many: StackPlanResult[] = [];
    const kinds = ['no-changes', 'vpn-create', 'vpc-tags-update', 'cgw-bgp-asn-replace'];
    const plans = Object.fromEntries(kinds.map((k) => [k, plan(k)]));
    for (let i = 0; i < 200; i++) {
      const k = kinds[i % 10 === 0 ? 1 + (i % 3) : 0];
      many.push({
        id: `c-${String(i).padStart(3, '0')}`,
        decommission: false,
        status: 'planned',
        plan: plans[k],
        durationMs: 0,
      });
    }
    const started = process.hrtime.bigint();
    const out = renderSummary(many);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(out).toContain('180 customers with no changes');
    expect(out.split('\n').filter((l) => l.startsWith('| `c-')).length).toBe(20);
    expect(ms).toBeLessThan(500);
  });
});

describe('renderSummary: offline plans are honest', () => {
  const offline = (r: StackPlanResult): StackPlanResult => ({ ...r, offline: true });
  const md = renderSummary([
    offline(planned('initech', 'no-changes', 'vpc-peering', true)),
    offline(planned('acme-corp', 'vpn-create', 'site-to-site-vpn')),
    offline({
      id: 'gone',
      decommission: false,
      status: 'refused',
      error: 'cannot be checked',
      durationMs: 0,
    }),
  ]);
  const lines = md.split('\n');

  it('says on the first line that the plan is offline and what it cannot see', () => {
    expect(lines[0]).toMatch(/^⚠ OFFLINE PLAN: /);
    expect(lines[0]).toContain('every customer looks new, and removals, replacements and drift do not show');
  });

  it('never concludes that a decommissioned customer is done, nor calls an offline customer new', () => {
    expect(md).not.toMatch(/nothing left|can now be deleted|safe to delete/);
    expect(md).toContain(
      '⚠ `initech` is marked for decommissioning (decommission: true), but this plan is offline: what its stack still holds cannot be seen, so nothing can be concluded',
    );
    expect(md).toContain('| `acme-corp` | `site-to-site-vpn` | new or changed (offline) | 4 | 0 | 0 |');
    expect(md).toContain('(1 new or changed (offline: cannot tell), 1 decommissioned)');
    expect(md).toContain('| `initech` | `vpc-peering` | ⚠ decommissioned (offline: cannot see state) |');
  });

  it('an online run says nothing about being offline', () => {
    expect(renderSummary([planned('a', 'vpn-create', 'site-to-site-vpn')])).not.toMatch(/offline/i);
  });
});

describe('renderSummary: resource changes a reviewer can act on', () => {
  const tagUpdate = (id: string, value: string): StackPlanResult => ({
    id,
    connectivityType: 'vpc-peering',
    decommission: false,
    status: 'planned',
    planJsonFile: `cdktf.out/plans/${id}/plan.json`,
    durationMs: 0,
    plan: {
      resource_changes: [
        {
          address: 'aws_vpc.vendor-vpc_vpc',
          type: 'aws_vpc',
          name: 'vendor-vpc_vpc',
          change: {
            actions: ['update'],
            before: { id: 'vpc-1', tags: { team: 'old' }, secret_thing: 'x', masked: 'hunter2' },
            after: { id: 'vpc-1', tags: { team: value }, secret_thing: 'y', masked: 'hunter3' },
            before_sensitive: { masked: true },
            after_sensitive: { masked: true },
            after_unknown: {},
          },
        },
        {
          address: 'aws_security_group_rule.egress',
          type: 'aws_security_group_rule',
          name: 'egress',
          change: { actions: ['create'], before: null, after: { to_port: 443 } },
        },
      ],
    },
  });

  it('per customer, a collapsible list: destructive changes first, then address, action, attributes before → after', () => {
    const md = renderSummary([planned('umbrella', 'vpn-static-to-bgp', 'site-to-site-vpn')]);
    const section = md.slice(md.indexOf('### Resource changes'));
    expect(section).toContain(
      '<details><summary><b><code>umbrella</code></b> (changed): 1 to add, 0 to change, 2 to destroy</summary>',
    );
    const items = section.split('\n').filter((l) => l.startsWith('- '));
    expect(items).toEqual([
      '- ⛔ `aws_vpn_connection.vpn_connection` **replace**',
      '- `aws_vpn_connection_route.static_route` **destroy**',
    ]);
    expect(section).toContain('  - `static_routes_only`: `true` → `false`');
    // A replacement's computed attributes (all unknown afterwards) are not listed one by one.
    expect(section).not.toContain('tunnel1_address');
    // Pre-shared keys are never quoted.
    expect(section).not.toMatch(/preshared_key`: `/);
    expect(section).toContain('Readable plan: `cdktf.out/plans/umbrella/plan.txt`');
  });

  it('masks sensitive values and escapes every value from the plan', () => {
    const md = renderSummary([tagUpdate('stark', '@octocat <img src=x> [x](https://e.example) `')]);
    expect(md).toContain('  - `masked`: _(sensitive)_ → _(sensitive)_');
    expect(md).not.toContain('hunter');
    expect(md).toContain('  - `secret_thing`: _(sensitive)_ → _(sensitive)_');
    expect(md).toContain(
      '  - `tags`: `{"team":"old"}` → ``{"team":"@octocat <img src=x> [x](https://e.example) `"}``',
    );
    expect(md).toContain('- `aws_security_group_rule.egress` **create**');
    // The update comes before the creation.
    expect(md.indexOf('aws_vpc.vendor-vpc_vpc` **update**')).toBeLessThan(md.indexOf('egress` **create**'));
  });

  it('stays within a budget: customers beyond it point at their plan files', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      tagUpdate(`c-${String(i).padStart(2, '0')}`, 'v'.repeat(100)),
    );
    const md = renderSummary(many, { detailBudget: 5000 });
    const sections = md.split('\n').filter((l) => l.startsWith('<details><summary><b><code>c-'));
    expect(sections.length).toBeGreaterThan(0);
    expect(sections.length).toBeLessThan(60);
    expect(md).toMatch(
      new RegExp(
        `_Resource lists of ${60 - sections.length} more customers do not fit in this comment: see \`plans/<id>/plan.txt\``,
      ),
    );
    expect(md).toContain('`c-59`');
    // The default budget keeps a realistic pull request (60 customers) in one GitHub comment.
    expect(Buffer.byteLength(renderSummary(many), 'utf8')).toBeLessThan(65_536);
  });
});

describe('a new peering request in an existing stack', () => {
  const rc = (type: string, name: string, actions: TerraformResourceChange['change']['actions']) => ({
    address: `${type}.${name}`,
    type,
    name,
    change: { actions, before: null, after: {} },
  });
  const recreated: TerraformPlanJson = {
    resource_changes: [
      rc('aws_vpc', 'vendor-vpc_vpc', ['no-op']),
      rc('aws_vpc_peering_connection', 'vpc-peering_connection', ['create']),
    ],
  };

  it('is flagged loudly, with the reason, when the stack already has resources', () => {
    const [d, ...rest] = destructiveChanges(recreated);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ kind: 'new-request', type: 'aws_vpc_peering_connection' });
    expect(d.reason).toMatch(/gone from the state/);
    expect(d.consequence).toMatch(/customer must accept again.*expired.*rejected.*deleted outside linkforge/);
    const md = renderSummary([
      {
        id: 'acme',
        connectivityType: 'vpc-peering',
        decommission: false,
        status: 'planned',
        plan: recreated,
        durationMs: 1,
      },
    ]);
    expect(md).toMatch(/NEW PEERING REQUEST: the customer must accept again/);
  });

  it('a new customer (everything created) is not flagged, unless its file says accepted: true', () => {
    const fresh: TerraformPlanJson = {
      resource_changes: [
        rc('aws_vpc', 'vendor-vpc_vpc', ['create']),
        rc('aws_vpc_peering_connection', 'vpc-peering_connection', ['create']),
      ],
    };
    expect(destructiveChanges(fresh)).toEqual([]);
    expect(destructiveChanges(fresh, { peeringAccepted: true })).toMatchObject([{ kind: 'new-request' }]);
  });
});
