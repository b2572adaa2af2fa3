/**
 * The generated validators (src/config/generated/validators.ts, ajv's standalone code) give
 * exactly the verdict and the errors of the schemas compiled at run time, on every fixture and
 * example customer file and on the settings of the repository and of the settings fixtures.
 * (test/config/schema-drift.test.ts checks that the generated file is the generator's output.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { newAjv } from '../../src/config/ajv';
import { CUSTOMER_SCHEMA } from '../../src/config/schema';
import { CDKTF_JSON_SCHEMA } from '../../src/config/settings-schema';
import { validateCdktfJson, validateCustomer } from '../../src/config/validators';

const ROOT = path.resolve(__dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => path.join(dir, f))
    : [];
}

/** Parsed documents; files that do not parse are the YAML checks' business, not the schema's. */
function documents(files: string[]): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const f of files) {
    try {
      out.push([path.relative(ROOT, f), parse(fs.readFileSync(f, 'utf8'), { uniqueKeys: false })]);
    } catch {
      // not YAML
    }
  }
  return out;
}

const customers = documents([
  ...yamlFiles(path.join(ROOT, 'test', 'fixtures')),
  ...yamlFiles(path.join(ROOT, 'customers')),
]);

describe('generated validators equal the schemas compiled at run time', () => {
  const compiledCustomer = newAjv().compile(CUSTOMER_SCHEMA);
  const compiledSettings = newAjv().compile(CDKTF_JSON_SCHEMA);

  it('covers a corpus with both verdicts', () => {
    expect(customers.length).toBeGreaterThan(150);
    const verdicts = new Set(customers.map(([, doc]) => compiledCustomer(doc)));
    expect(verdicts).toEqual(new Set([true, false]));
  });

  it.each(customers)('customer %s', (_file, doc) => {
    const expected = compiledCustomer(doc);
    expect(validateCustomer(doc)).toBe(expected);
    expect(validateCustomer.errors ?? null).toEqual(compiledCustomer.errors ?? null);
  });

  it('settings: the repository cdktf.json and broken variants', () => {
    const repo = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8'));
    const linkforge = repo.context.linkforge;
    const variants = [
      repo,
      { ...repo, context: { linkforge: { ...linkforge, backend: { type: 's3' } } } },
      { ...repo, context: { linkforge: { ...linkforge, defaultAmazonSideAsn: 'x', unknown: 1 } } },
      { ...repo, context: { linkforge: { ...linkforge, quotas: { '*': { vpcsPerRegion: -1 } } } } },
    ];
    const verdicts: boolean[] = [];
    for (const v of variants) {
      const expected = compiledSettings(v);
      verdicts.push(expected);
      expect(validateCdktfJson(v)).toBe(expected);
      expect(validateCdktfJson.errors ?? null).toEqual(compiledSettings.errors ?? null);
    }
    expect(verdicts).toEqual([true, false, false, false]);
  });
});
