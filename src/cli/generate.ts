/**
 * `linkforge generate [--check]`: write the committed artefacts derived from src/config/schema.ts,
 * the JSON Schema for editors, the field reference, the compiled validators (ajv standalone code,
 * src/config/ajv.ts) and the handoff samples. Deterministic: same schema, same bytes.
 * `--check` writes nothing and exits 1 when a committed copy differs (for CI and the drift test).
 */
import * as fs from 'fs';
import * as path from 'path';
import { VALIDATORS_FILE, validatorsSource } from '../config/ajv';
import { CUSTOMER_SCHEMA_NODE, GENERATED_MARKER, branchFor } from '../config/schema';
import type { SchemaNode } from '../config/schema';
import { publishedSchema } from '../config/schema/publish';
import { handoffSampleFiles } from '../handoff/samples';
import { orList } from '../text/or-list';
import { defineCommand } from './kit';
import type { Output } from './output';

const SCHEMA_FILE = 'schema/customer.schema.json';
const FIELDS_FILE = 'docs/fields.md';

export function renderSchemaJson(): string {
  return `${JSON.stringify(publishedSchema(CUSTOMER_SCHEMA_NODE), null, 2)}\n`;
}

interface Row {
  readonly field: string;
  readonly type: string;
  readonly required: string;
  readonly default: string;
  readonly description: string;
}

export function renderFieldsMarkdown(): string {
  const sections: string[] = [
    `<!-- ${GENERATED_MARKER} -->`,
    '',
    '# Customer file fields',
    '',
    'Every field of `customers/<id>.yaml` (format v1), generated from the JSON Schema in',
    '`src/config/schema.ts`. The schema checks types, required keys, enums and syntax; the rules',
    'in `docs/diagnostics.md` check everything that needs arithmetic, settings or other fields.',
  ];
  const top = CUSTOMER_SCHEMA_NODE;
  sections.push('', '## Top level', '', ...table(rows(top, '', () => true)));
  const connectivity = top.properties!.connectivity;
  for (const branch of connectivity.oneOf ?? []) {
    const type = String(branch.properties!.type.const);
    const options = branch.properties!.tunnelOptions;
    sections.push(
      '',
      `## connectivity: ${type}`,
      '',
      branch.description ?? '',
      '',
      ...table(rows(branch, 'connectivity', (k) => k !== 'tunnelOptions')),
    );
    if (options) {
      sections.push(
        '',
        `### connectivity.tunnelOptions (${type})`,
        '',
        options.description ?? '',
        '',
        ...table(rows(options, 'connectivity.tunnelOptions', () => true, true)),
      );
    }
  }
  return `${sections.join('\n')}\n`;
}

function rows(
  node: SchemaNode,
  prefix: string,
  include: (key: string) => boolean,
  includeSelfNested = false,
): Row[] {
  const out: Row[] = [];
  const required = new Set(node.required ?? []);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (!include(key)) continue;
    const field = prefix ? `${prefix}.${key}` : key;
    out.push({
      field,
      type: typeOf(child),
      required: required.has(key) ? 'yes' : 'no',
      default:
        child.default !== undefined
          ? `\`${typeof child.default === 'string' ? child.default : JSON.stringify(child.default)}\``
          : '',
      description: child.description ?? '',
    });
    // Nested mappings are listed inline, except the connectivity branches (own sections).
    if (child.properties && !child.discriminator && (includeSelfNested || key !== 'tunnelOptions')) {
      out.push(...rows(child, field, () => true, includeSelfNested));
    }
  }
  return out;
}

function typeOf(node: SchemaNode): string {
  const n = branchFor(node, undefined);
  if (n.const !== undefined) return `\`${String(n.const)}\``;
  if (n.enum) return n.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  const types = ([] as string[]).concat((n.type as string | string[] | undefined) ?? []);
  if (types.includes('array')) return `list of ${n.items ? typeOf(n.items) : 'values'}`;
  if (types.includes('object')) return 'mapping';
  return orList(types);
}

function table(list: readonly Row[]): string[] {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    '| field | type | required | default | description |',
    '|---|---|---|---|---|',
    ...list.map(
      (r) =>
        `| \`${r.field}\` | ${r.type.replace(/(?<!\\)\|/g, '\\|')} | ${r.required} | ${r.default} | ${cell(r.description)} |`,
    ),
  ];
}

/** Every generated file with the content the generator would write. */
export function generatedFiles(): { file: string; content: string }[] {
  return [
    { file: SCHEMA_FILE, content: renderSchemaJson() },
    { file: FIELDS_FILE, content: renderFieldsMarkdown() },
    { file: VALIDATORS_FILE, content: validatorsSource() },
    ...handoffSampleFiles(),
  ];
}

const USAGE =
  'usage: linkforge generate [--check]\n\n' +
  '  --check   write nothing; exit 1 when a generated file differs from what the generator would write\n';

export const { run } = defineCommand({
  name: 'generate',
  usage: USAGE,
  options: { check: { type: 'boolean' } },
  args: (values) => ({ check: values.check ?? false }),
  execute: generate,
});

async function generate({ check }: { check: boolean }, out: Output): Promise<number> {
  const stale: string[] = [];
  for (const { file, content } of generatedFiles()) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (current === content) continue;
    if (check) {
      stale.push(file);
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      out.stdout(`wrote ${file}\n`);
    }
  }
  if (stale.length > 0) {
    out.stderr(
      `linkforge generate --check: out of date: ${stale.join(', ')}; run npm run generate and commit\n`,
    );
    return 1;
  }
  return 0;
}
