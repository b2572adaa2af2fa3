/**
 * Drift guard (projen style): the committed schema/customer.schema.json and docs/fields.md must be
 * exactly what `npm run generate` writes from src/config/schema.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { generatedFiles, renderFieldsMarkdown, renderSchemaJson } from '../../src/cli/generate';
import { CUSTOMER_SCHEMA, GENERATED_MARKER } from '../../src/config/schema';

const REPO = path.join(__dirname, '..', '..');

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

  it('are deterministic', () => {
    expect(renderSchemaJson()).toBe(renderSchemaJson());
    expect(renderFieldsMarkdown()).toBe(renderFieldsMarkdown());
  });

  it('publish a schema that a plain JSON Schema validator accepts and that matches the source', () => {
    const published = JSON.parse(renderSchemaJson());
    expect(published).toEqual(JSON.parse(JSON.stringify(CUSTOMER_SCHEMA)));
    expect(published.$schema).toMatch(/draft-07/);
    expect(published.$id).toBeTruthy();
    // An editor's validator knows no `discriminator`: the plain oneOf must still work.
    const validate = new Ajv({ strict: false }).compile(published);
    expect(validate({ id: 'x' })).toBe(false);
  });

  it('list every field of the schema in the field reference', () => {
    const md = renderFieldsMarkdown();
    for (const field of [
      'id',
      'connectivity.peer.accountId',
      'connectivity.tunnelOptions.phase2.dhGroups',
      'connectivity.customerGateway.deviceName',
    ]) {
      expect(md).toContain(`| \`${field}\` |`);
    }
  });
});
