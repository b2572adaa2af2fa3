import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * Layers (docs/architecture.md), enforced here per folder with `no-restricted-imports`, proven by
 * test/lint/layers.test.ts:
 * - only src/stacks, src/constructs and the composition root main.ts import cdktf, the provider or
 *   constructs (config code least of all: it stays portable off cdktf);
 * - src/terraform runs Terraform and never imports the review layer (src/pr) or the plan pipeline
 *   that drives it (it may use the plan model: src/plan/types, counts, redact, review-subset,
 *   same-plan);
 * - nothing outside src/cli imports src/cli: commands are the top layer. The benchmark harness
 *   runs them as child processes (dist/src/cli/index.js) and calls the layers below directly.
 * A flat config applies only the LAST matching entry's options for a rule, so every folder's entry
 * lists all the restrictions that apply to it.
 */
const CDKTF = {
  group: ['cdktf', 'cdktf/**', '@cdktf/**', 'constructs', 'constructs/**'],
  message: 'Only src/stacks, src/constructs and main.ts import cdktf, the provider or constructs.',
};
const CDKTF_IN_CONFIG = {
  group: CDKTF.group,
  message: 'src/config never imports cdktf: keep it portable.',
};
const CLI = {
  group: ['**/cli', '**/cli/**'],
  message: 'Nothing imports src/cli: commands are the top layer (move what is shared below it).',
};
const PR_FROM_TERRAFORM = {
  group: ['**/pr', '**/pr/**'],
  message: 'src/terraform never imports src/pr: take plan types and helpers from src/plan.',
};
const PIPELINE_FROM_TERRAFORM = {
  group: ['**/plan/pipeline', '**/plan/report', '**/plan/selection', '**/plan/environment'],
  message: 'src/terraform is driven by the plan pipeline and never imports it.',
};

/** `no-restricted-imports` with these pattern groups (plus fixed paths). */
function restrict(patterns, paths = []) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'cdktf.out/',
      '.linkforge/',
      'coverage/',
      '**/*.js',
      '**/*.mjs',
      // ajv's standalone code, written by `npm run generate` (src/config/ajv.ts).
      'src/config/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/stacks/**', 'src/constructs/**', 'src/cli/**'],
    rules: restrict([CDKTF, CLI]),
  },
  { files: ['src/cli/**/*.ts'], rules: restrict([CDKTF]) },
  { files: ['src/stacks/**/*.ts', 'main.ts'], rules: restrict([CLI]) },
  { files: ['src/config/**/*.ts'], rules: restrict([CDKTF_IN_CONFIG, CLI]) },
  {
    files: ['src/terraform/**/*.ts'],
    rules: restrict([CDKTF, CLI, PR_FROM_TERRAFORM, PIPELINE_FROM_TERRAFORM]),
  },
  {
    files: ['src/constructs/**/*.ts'],
    rules: restrict(
      [
        { group: ['yaml', '**/config/load*', '**/config/yaml*'], message: 'Constructs never read YAML.' },
        CLI,
      ],
      [
        { name: 'fs', message: 'Constructs never read files: they take typed props.' },
        { name: 'node:fs', message: 'Constructs never read files: they take typed props.' },
        {
          name: '@cdktf/provider-aws',
          message: 'Import provider resources by deep path (@cdktf/provider-aws/lib/...).',
        },
      ],
    ),
  },
);
