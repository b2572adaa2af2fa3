/**
 * The rule list itself: every rule file is registered once, codes are unique across rules, and
 * every code is documented in docs/diagnostics.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../../src/config/rules';

const RULES_DIR = path.join(__dirname, '..', '..', '..', 'src', 'config', 'rules');
const DOC = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'diagnostics.md'), 'utf8');
const NOT_RULES = new Set(['rule.ts', 'index.ts', 'support.ts']);

describe('RULES', () => {
  it('registers every rule file exactly once', () => {
    const files = fs.readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !NOT_RULES.has(f));
    const exported = files.map((f) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(RULES_DIR, f)) as Record<string, unknown>;
      const rules = Object.values(mod).filter((v) => RULES.includes(v as never));
      return { file: f, registered: rules.length };
    });
    expect(exported).toEqual(files.map((f) => ({ file: f, registered: 1 })));
    expect(RULES).toHaveLength(files.length);
  });

  it('gives every code to exactly one rule, in SCREAMING_SNAKE_CASE', () => {
    const codes = RULES.flatMap((r) => r.codes);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
  });

  it('documents every code with its severity', () => {
    for (const code of RULES.flatMap((r) => r.codes)) {
      expect({ code, documented: new RegExp(`^#### \`${code}\` — (error|warning)$`, 'm').test(DOC) }).toEqual(
        {
          code,
          documented: true,
        },
      );
    }
  });

  it('has a one-line description for each rule', () => {
    for (const rule of RULES) expect(rule.description).toMatch(/^\S.{10,120}\.$/);
  });
});
