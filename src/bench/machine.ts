/**
 * What machine the benchmark ran on, for the report: numbers mean little without it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';

export interface MachineInfo {
  readonly cpuModel: string;
  /** Cores this process may use (containers often get fewer than the host has). */
  readonly cores: number;
  readonly memoryGib: number;
  readonly os: string;
  readonly node: string;
  readonly terraform: string;
  readonly cdktf: string;
}

export function machineInfo(projectDir: string): MachineInfo {
  return {
    cpuModel: cpuModel(),
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    memoryGib: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    terraform: terraformVersion(),
    cdktf: packageVersion(projectDir, 'cdktf'),
  };
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1].trim();
  } catch {
    // not Linux: fall through
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function terraformVersion(): string {
  try {
    const out = execFileSync('terraform', ['version', '-json'], {
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return (JSON.parse(out) as { terraform_version: string }).terraform_version;
  } catch {
    return 'not found';
  }
}

function packageVersion(projectDir: string, name: string): string {
  try {
    const pkg = require.resolve(`${name}/package.json`, { paths: [projectDir] });
    return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
