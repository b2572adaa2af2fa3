/**
 * The committed sample handoff documents: one per example customer, each exactly what the
 * generator writes from the example outputs (drift), and none carrying a key.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadProject } from '../../src/config/load';
import { handoffSampleFiles } from '../../src/handoff/samples';

const ROOT = path.resolve(__dirname, '../..');
const samples = handoffSampleFiles(ROOT);

test('every example customer has a sample', () => {
  const ids = loadProject({
    customersDir: path.join(ROOT, 'customers'),
    cdktfJson: path.join(ROOT, 'cdktf.json'),
  })
    .customers.map((c) => c.customer.id)
    .sort();
  expect(samples.map((s) => path.basename(s.file, '.md')).sort()).toEqual(ids);
});

test.each(samples.map((s) => [s.file, s.content]))('%s is up to date (npm run generate)', (file, content) => {
  expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toBe(content);
});

test.each(samples.map((s) => [s.file, s.content]))('%s holds no secret reference', (_file, content) => {
  expect(content).not.toMatch(/secretsmanager|PreSharedKey|psk-/i);
  expect(content).toContain('```mermaid');
});
