import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'cdktf.out/', '.linkforge/', 'coverage/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Config code must stay portable off cdktf: it may never import cdktf or the provider.
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/config/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['cdktf', 'cdktf/*', '@cdktf/*', 'constructs'],
              message: 'src/config never imports cdktf: keep it portable.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/constructs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'fs', message: 'Constructs never read files: they take typed props.' },
            { name: 'node:fs', message: 'Constructs never read files: they take typed props.' },
            {
              name: '@cdktf/provider-aws',
              message: 'Import provider resources by deep path (@cdktf/provider-aws/lib/...).',
            },
          ],
          patterns: [
            { group: ['yaml', '**/config/load*', '**/config/yaml*'], message: 'Constructs never read YAML.' },
          ],
        },
      ],
    },
  },
);
