// Lints each { filePath, source } read as JSON from stdin with ESLint's Node API (`lintText`) and
// the project's own eslint.config.mjs, and prints the messages of each as JSON. A child process,
// because ESLint loads its flat config with a dynamic import(), which Jest's module sandbox cannot
// run (test/lint/layers.test.ts).
import { ESLint } from 'eslint';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const eslint = new ESLint({ cwd: process.argv[2] });
const out = [];
for (const { filePath, source } of cases) {
  const [result] = await eslint.lintText(source, { filePath });
  out.push(result.messages.map(({ ruleId, message, fatal }) => ({ ruleId, message, fatal: fatal ?? false })));
}
process.stdout.write(JSON.stringify(out));
