/**
 * Property-based robustness: whatever text or object is fed in, checkSources never throws, returns
 * promptly, and ends either valid (a customer, no errors) or with at least one error placed at a
 * real line and column.
 */
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { checkSources } from '../../src/config/load';
import { DEFAULT_SETTINGS } from '../../src/config/settings';

const VALID = {
  id: 'prop',
  name: 'Property',
  orgId: '6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a1f34',
  plan: 'enterprise',
  region: 'us-east-1',
  connectivity: {
    type: 'site-to-site-vpn',
    customerGateway: { ip: '62.210.17.44', bgpAsn: 65010 },
    routing: 'bgp',
    cidrs: ['192.168.0.0/16'],
    tunnels: 2,
    tunnelOptions: { phase2: { lifetimeSeconds: 1800, dhGroups: [14] } },
  },
};

function assertWellFormed(text: string): void {
  const started = Date.now();
  const result = checkSources([{ path: 'prop.yaml', text }], DEFAULT_SETTINGS);
  expect(Date.now() - started).toBeLessThan(2000);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) {
    expect(result.customers).toHaveLength(1);
  } else {
    expect(result.customers).toHaveLength(0);
  }
  const lines = text.split('\n').length;
  for (const d of result.diagnostics) {
    expect(d.file).toBe('prop.yaml');
    expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= lines).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1).toBe(true);
    expect(d.code).toMatch(/^[A-Z0-9_]+$/);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

/** A path into VALID and a replacement (or deletion) there. */
const paths: (string | number)[][] = [];
(function collect(node: unknown, at: (string | number)[]) {
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      const next = [...at, Array.isArray(node) ? Number(k) : k];
      paths.push(next);
      collect(v, next);
    }
  }
})(VALID, []);

function mutate(doc: unknown, path: readonly (string | number)[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let cursor = copy;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove && !Array.isArray(cursor)) delete cursor[last];
  else cursor[last] = value;
  return copy;
}

const KEYS = [
  'id',
  'presharedKey',
  'peer',
  'type',
  'cidrs',
  'x~1y',
  'a/b',
  '',
  'tunnels',
  '__proto__',
  'constructor',
];

describe('checkSources on arbitrary input', () => {
  it('accepts the base document (the mutations start from something valid)', () => {
    const r = checkSources([{ path: 'prop.yaml', text: stringify(VALID) }], DEFAULT_SETTINGS);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({
            unit: fc.constantFrom(...'ab: -[]{}\'"#&*!|>?\n\t,%@`0123456789'.split('')),
            maxLength: 200,
          }),
        ),
        assertWellFormed,
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on YAML-ish text: stringified values, cut and spliced', () => {
    const yamlish = fc
      .tuple(
        fc.anything({ maxDepth: 4, withNullPrototype: true, withSparseArray: true }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(
          '',
          ':',
          '- ',
          '  ',
          '&a ',
          '*a',
          '---\n',
          '"',
          "'",
          '[',
          '{',
          '!!str ',
          '? ',
          '#',
          '\t',
          '\n',
        ),
      )
      .map(([value, cut, at, splice]) => {
        let text: string;
        try {
          text = stringify(value, { aliasDuplicateObjects: true }) ?? '';
        } catch {
          text = String(cut);
        }
        const i = at % (text.length + 1);
        const j = Math.min(text.length, i + (cut % 8));
        return text.slice(0, i) + splice + text.slice(j);
      });
    fc.assert(fc.property(yamlish, assertWellFormed), { numRuns: 400 });
  });

  it('never throws on arbitrary objects written as YAML', () => {
    fc.assert(
      fc.property(fc.object({ maxDepth: 4, key: fc.constantFrom(...KEYS, 'name', 'connectivity') }), (o) =>
        assertWellFormed(stringify(o)),
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on mutations of a valid document', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.oneof(
          fc.anything({ maxDepth: 2 }),
          fc.constantFrom(
            '2',
            'yes',
            'IKEv2',
            -1,
            0,
            4294967295,
            1.5,
            null,
            [],
            {},
            '10.0.0.0/33',
            'vpc-XYZ',
          ),
        ),
        fc.boolean(),
        fc.option(fc.tuple(fc.constantFrom(...KEYS), fc.anything({ maxDepth: 1 }))),
        (path, value, remove, extra) => {
          let doc = mutate(VALID, path, value, remove) as Record<string, unknown>;
          if (extra)
            doc = mutate(doc, [...path.slice(0, -1), extra[0]], extra[1], false) as Record<string, unknown>;
          assertWellFormed(stringify(doc));
        },
      ),
      { numRuns: 500 },
    );
  });
});
