/**
 * Shared helpers for the tests that run the real terraform binary.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { minTerraformVersionText } from '../../src/terraform/supported-version';

/**
 * Whether terraform can run here. Without it: under CI (`CI=true`) this throws, so the suite fails
 * instead of silently passing; elsewhere it warns loudly and the caller skips its tests.
 */
export function requireTerraform(suite: string): boolean {
  const r = spawnSync(process.env.LINKFORGE_TERRAFORM || 'terraform', ['version'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (r.status === 0) return true;
  const why = r.error ? r.error.message : (r.stderr || r.stdout || `exit ${r.status}`).trim();
  const msg = `terraform is not available (${why}): the '${suite}' tests need it`;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${msg}. Under CI a missing Terraform is a failure, not a skip.`);
  }
  console.warn(
    `\n${'!'.repeat(78)}\n!!! SKIPPING ${suite}: ${msg}.\n!!! Install Terraform >= ${minTerraformVersionText()} to run them.\n${'!'.repeat(78)}\n`,
  );
  return false;
}

/** `describe` when terraform is available, `describe.skip` (after a loud warning) otherwise. */
export function describeWithTerraform(name: string, fn: () => void): void {
  (requireTerraform(name) ? describe : describe.skip)(name, fn);
}

const created: string[] = [];

/** A new temporary directory, removed by `removeTempDirs()`. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `linkforge-${prefix}-`));
  created.push(dir);
  return dir;
}

/** Remove every directory `tempDir` created in this test file (call from `afterAll`). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * A TCP listener on loopback that counts connections and drops them: set as HTTPS_PROXY/HTTP_PROXY
 * for a child, it proves the child tried no network call (count 0), and makes any call fail fast.
 */
export async function startTrapProxy(): Promise<{
  url: string;
  connections: () => number;
  close: () => Promise<void>;
}> {
  let count = 0;
  const server = net.createServer((sock) => {
    count++;
    sock.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The project root (for the shared plugin cache under .linkforge/). */
export const PROJECT_DIR = path.resolve(__dirname, '..', '..');
