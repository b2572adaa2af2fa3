/**
 * The layers of eslint.config.mjs fire: each restricted import is an error in a file of the folder
 * it is restricted in, and the imports each layer is allowed pass. Linted through ESLint's Node API
 * with the project's own configuration, as `npx eslint .` lints.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { PROJECT_DIR } from '../terraform/helpers';

interface Message {
  readonly ruleId: string | null;
  readonly message: string;
  readonly fatal: boolean;
}

const REFUSED: [file: string, source: string, message: RegExp][] = [
  ['src/config/x.ts', "import { App as x } from 'cdktf';", /src\/config never imports cdktf/],
  [
    'src/config/x.ts',
    "import { Vpc as x } from '@cdktf/provider-aws/lib/vpc';",
    /src\/config never imports cdktf/,
  ],
  ['src/config/x.ts', "import { Construct as x } from 'constructs';", /src\/config never imports cdktf/],
  [
    'src/pr/x.ts',
    "import { App as x } from 'cdktf';",
    /Only src\/stacks, src\/constructs and main.ts import cdktf/,
  ],
  ['src/plan/x.ts', "import type { TerraformStack as x } from 'cdktf';", /Only src\/stacks/],
  ['src/terraform/x.ts', "import { Vpc as x } from '@cdktf/provider-aws/lib/vpc';", /Only src\/stacks/],
  ['src/cli/x.ts', "import { App as x } from 'cdktf';", /Only src\/stacks/],
  ['src/handoff/x.ts', "import { S3Backend as x } from 'cdktf';", /Only src\/stacks/],
  [
    'src/terraform/x.ts',
    "import type { StackPlanResult as x } from '../pr/types';",
    /src\/terraform never imports src\/pr/,
  ],
  [
    'src/terraform/x.ts',
    "import { renderSummary as x } from '../pr/summary';",
    /src\/terraform never imports src\/pr/,
  ],
  ['src/terraform/x.ts', "import { runPlan as x } from '../plan/pipeline';", /driven by the plan pipeline/],
  ['src/plan/x.ts', "import { run as x } from '../cli/plan';", /Nothing imports src\/cli/],
  ['src/terraform/x.ts', "import { run as x } from '../cli/plan';", /Nothing imports src\/cli/],
  ['src/stacks/x.ts', "import type { Output as x } from '../cli/output';", /Nothing imports src\/cli/],
  ['src/constructs/x.ts', "import { paint as x } from '../cli/style';", /Nothing imports src\/cli/],
  ['src/config/x.ts', "import { run as x } from '../cli/validate';", /Nothing imports src\/cli/],
  ['main.ts', "import { run as x } from './src/cli/plan';", /Nothing imports src\/cli/],
  ['src/bench/x.ts', "import { statusCommand as x } from '../cli/status';", /Nothing imports src\/cli/],
  ['src/constructs/x.ts', "import * as x from 'fs';", /Constructs never read files/],
  ['src/constructs/x.ts', "import { Vpc as x } from '@cdktf/provider-aws';", /by deep path/],
];
const ALLOWED: [file: string, source: string][] = [
  ['src/stacks/x.ts', "import { App as x } from 'cdktf';"],
  ['src/constructs/x.ts', "import { Vpc as x } from '@cdktf/provider-aws/lib/vpc';"],
  ['main.ts', "import { App as x } from 'cdktf';"],
  ['src/terraform/x.ts', "import type { StackPlanResult as x } from '../plan/types';"],
  ['src/terraform/x.ts', "import { redactPlan as x } from '../plan/redact';"],
  ['src/pr/x.ts', "import { localStateFile as x } from '../stacks/backend';"],
  ['src/plan/x.ts', "import { planStacks as x } from '../terraform/runner';"],
  ['src/cli/x.ts', "import { paint as x } from './style';"],
  ['src/cli/x.ts', "import { runPlan as x } from '../plan/pipeline';"],
  ['src/config/x.ts', "import { parse as x } from 'yaml';"],
  ['src/terraform/x.ts', "import { SingleBar as x } from 'cli-progress';"],
];

/** Every case linted in one child process (lint-text.mjs): `no-restricted-imports` messages per case. */
let linted: Message[][] = [];
beforeAll(() => {
  const cases = [...REFUSED, ...ALLOWED].map(([filePath, source]) => ({
    filePath,
    source: `${source}\nexport const used = x;\n`,
  }));
  const stdout = execFileSync(process.execPath, [path.join(__dirname, 'lint-text.mjs'), PROJECT_DIR], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
  });
  linted = JSON.parse(stdout) as Message[][];
}, 60_000);

function restricted(index: number): string[] {
  expect(linted[index].filter((m) => m.fatal)).toEqual([]);
  return linted[index].filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import layers (eslint.config.mjs)', () => {
  it.each(REFUSED.map((c, i) => [...c, i] as const))('%s: %s is refused', (_file, _source, message, i) => {
    const messages = restricted(i);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it.each(ALLOWED.map((c, i) => [...c, REFUSED.length + i] as const))('%s: %s is allowed', (_f, _s, i) => {
    expect(restricted(i)).toEqual([]);
  });
});
