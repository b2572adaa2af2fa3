/**
 * Drift guards. The committed schema/customer.schema.json and docs/fields.md must be exactly what
 * `npm run generate` writes from src/config/schema.ts (projen style); the published schema must
 * judge documents as the validator does; every field must carry what its messages need; and the
 * model's enums must be the schema's (checked by the type checker, `npm run typecheck`).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { generatedFiles, renderFieldsMarkdown, renderSchemaJson } from '../../src/cli/generate';
import { newAjv } from '../../src/config/ajv';
import { CUSTOMER_SCHEMA, CUSTOMER_SCHEMA_NODE, GENERATED_MARKER } from '../../src/config/schema';
import type { CustomerDocument, SchemaNode } from '../../src/config/schema';
import { GUIDE, guideOf } from '../../src/config/schema/builder';
import { CDKTF_JSON_SCHEMA } from '../../src/config/settings-schema';
import type { Customer, Tier } from '../../src/config/types';

const REPO = path.join(__dirname, '..', '..');

/** Every node of a schema with its path (`connectivity.peer.cidrs[]`), branches included. */
function nodes(node: SchemaNode, at = ''): [string, SchemaNode][] {
  const out: [string, SchemaNode][] = [[at, node]];
  for (const [key, child] of Object.entries(node.properties ?? {}))
    out.push(...nodes(child, at ? `${at}.${key}` : key));
  if (node.items) out.push(...nodes(node.items, `${at}[]`));
  if (typeof node.additionalProperties === 'object') out.push(...nodes(node.additionalProperties, `${at}.*`));
  (node.oneOf ?? []).forEach((branch, i) => out.push(...nodes(branch, `${at}<${i}>`)));
  return out;
}

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(REPO, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(REPO, dir, f));
}

describe('generated files', () => {
  it.each(generatedFiles().map((g) => [g.file, g.content]))(
    '%s is up to date (run npm run generate)',
    (file, content) => {
      expect(fs.readFileSync(path.join(REPO, file), 'utf8')).toBe(content);
    },
  );

  it('carry the do-not-edit marker', () => {
    expect(JSON.parse(renderSchemaJson()).$comment).toBe(GENERATED_MARKER);
    expect(renderFieldsMarkdown().split('\n')[0]).toContain(GENERATED_MARKER);
  });

  it('publish plain JSON Schema: draft-07, no linkforge annotations', () => {
    const published = JSON.parse(renderSchemaJson());
    expect(published.$schema).toMatch(/draft-07/);
    expect(published.$id).toBeTruthy();
    expect(renderSchemaJson()).not.toContain(GUIDE);
  });

  it('list every field of the schema in the field reference', () => {
    const md = renderFieldsMarkdown();
    const fields = nodes(CUSTOMER_SCHEMA_NODE)
      .map(([p]) => p.replace(/<\d+>/g, ''))
      .filter((p) => p && !p.includes('[]'));
    expect(fields.length).toBeGreaterThan(40);
    // A row in a table, or (tunnelOptions) a section of its own.
    const missing = [...new Set(fields)].filter(
      (f) => !md.includes(`| \`${f}\` |`) && !md.includes(`### ${f} (`),
    );
    expect(missing).toEqual([]);
  });
});

describe('the published schema', () => {
  // What an editor sees must agree with `linkforge validate` on everything the schema decides:
  // a plain validator (no discriminator, no annotations) on the published file, against ours.
  const plain = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(renderSchemaJson()));
  const ours = newAjv().compile(CUSTOMER_SCHEMA);
  const documents = [
    ...yamlFiles('customers'),
    ...yamlFiles('test/fixtures/valid'),
    ...yamlFiles('test/fixtures/invalid'),
  ].flatMap((file) => {
    try {
      return [[path.relative(REPO, file), parse(fs.readFileSync(file, 'utf8'))] as const];
    } catch {
      return []; // not YAML at all: the schema never sees it
    }
  });

  it('accepts the examples and the valid fixtures', () => {
    const rejected = documents
      .filter(([file]) => !file.includes('invalid'))
      .filter(([, doc]) => !plain(doc))
      .map(([file]) => file);
    expect(rejected).toEqual([]);
  });

  it('gives the validator’s verdict on every fixture', () => {
    const disagree = documents.filter(([, doc]) => plain(doc) !== ours(doc)).map(([file]) => file);
    expect(documents.length).toBeGreaterThan(150);
    expect(disagree).toEqual([]);
  });
});

describe('every field', () => {
  const all = [...nodes(CUSTOMER_SCHEMA_NODE), ...nodes(CDKTF_JSON_SCHEMA as unknown as SchemaNode)];

  it('has a description', () => {
    expect(all.filter(([, n]) => !n.description).map(([p]) => p)).toEqual([]);
  });

  it('of the customer file with a syntax (pattern) carries guidance: a code and what is expected', () => {
    const patterned = nodes(CUSTOMER_SCHEMA_NODE).filter(([, n]) => n.pattern !== undefined);
    expect(patterned.length).toBeGreaterThan(10);
    const missing = patterned.filter(([, n]) => !guideOf(n)?.code || !guideOf(n)?.expected);
    expect(missing.map(([p]) => p)).toEqual([]);
    for (const [, n] of patterned) expect(guideOf(n)!.code).toMatch(/^INVALID_[A-Z_]+$/);
  });

  it('with guidance offers only fixes that match its own pattern', () => {
    const samples = ['Acme Corp', ' 10.0.0.1/24 ', 'EU_WEST_1', 'VPC-0A1B2C3D', '010.1.2.3', '5432:5433'];
    for (const [p, n] of all) {
      const fix = guideOf(n)?.fix;
      if (!fix || !n.pattern) continue;
      for (const s of samples) {
        const fixed = fix(s)?.replace(/^"|"$/g, '');
        // A port range is offered quoted; a single port is a number (the integer side of its type).
        if (fixed !== undefined && !/^[0-9]+$/.test(fixed)) {
          expect([p, s, new RegExp(n.pattern).test(fixed)]).toEqual([p, s, true]);
        }
      }
    }
  });
});

// Type-level: `npm run typecheck` fails when an enum of the model drifts from the schema's.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Vpn = Extract<Customer['connectivity'], { type: 'site-to-site-vpn' }>;
type VpnDoc = Extract<CustomerDocument['connectivity'], { type: 'site-to-site-vpn' }>;
type Phase = NonNullable<NonNullable<Vpn['tunnelOptions']>['phase1']>;
type PhaseDoc = NonNullable<NonNullable<VpnDoc['tunnelOptions']>['phase1']>;
export const enumsAgree: true[] = [
  true satisfies Equal<Tier, CustomerDocument['plan']>,
  true satisfies Equal<Customer['addOns'][number], NonNullable<CustomerDocument['addOns']>[number]>,
  true satisfies Equal<Customer['connectivity']['type'], CustomerDocument['connectivity']['type']>,
  true satisfies Equal<Vpn['routing'], NonNullable<VpnDoc['routing']>>,
  true satisfies Equal<Vpn['tunnels'], NonNullable<VpnDoc['tunnels']>>,
  true satisfies Equal<Vpn['ikeVersion'], NonNullable<VpnDoc['ikeVersion']>>,
  true satisfies Equal<Phase, PhaseDoc>,
];
