/**
 * The environment a plan needs, checked before anything is written: Terraform present and recent
 * enough, the CLI configuration written, the AWS provider the stacks pin installable.
 *
 * In two steps, so that the plan's first `terraform init` can start in between
 * (src/terraform/early-init.ts): checkEnvironment() needs no Terraform command beyond `version`;
 * confirmProvider() is asked only when that early init did not succeed (or none ran), and then
 * runs the provider probe, so a provider that cannot be installed still fails once, naming the CLI
 * configuration, before the previous output is replaced.
 */
import { awsProviderVersion } from '../stacks/provider-version';
import { describeCliSetup, prepareTerraformCli, type TerraformCliSetup } from '../terraform/cli-config';
import { checkProvider, checkTerraform, describeProviderSource } from '../terraform/environment';

/** What nothing-was-done messages end with. */
function untouched(outdir: string): string {
  return `nothing was synthesized or planned (${outdir} is unchanged)`;
}

/**
 * The CLI configuration to plan with and the provider version the stacks pin, or undefined after
 * one message saying what to fix. `terraformCheck` is the result of checkTerraform(), started by
 * the caller as early as it likes (the pipeline starts it before validating the files, so that the
 * child runs on another core meanwhile).
 */
export async function checkEnvironment(
  projectDir: string,
  outdir: string,
  log: (text: string) => void,
  terraformCheck: ReturnType<typeof checkTerraform> = checkTerraform(),
): Promise<{ cli: TerraformCliSetup; awsProviderVersion: string } | undefined> {
  const terraform = await terraformCheck;
  if (!terraform.ok) {
    log(`linkforge plan: ${terraform.message}; ${untouched(outdir)}\n`);
    return undefined;
  }
  let cli: TerraformCliSetup;
  const awsVersion = awsProviderVersion();
  try {
    cli = prepareTerraformCli({ projectDir, awsProviderVersion: awsVersion });
  } catch (e) {
    log(`linkforge plan: ${(e as Error).message}; ${untouched(outdir)}\n`);
    return undefined;
  }
  const provider = describeProviderSource(cli, { projectDir, awsProviderVersion: awsVersion });
  for (const w of provider.warnings) log(`linkforge plan: warning: ${w}\n`);
  log(`Terraform ${terraform.value}; ${describeCliSetup(cli)}\n`);
  return { cli, awsProviderVersion: awsVersion };
}

/**
 * Whether hashicorp/aws can be installed with `cli` (the probe of checkProvider(): nothing to run
 * for linkforge's own configuration with a mirror), false after one message saying what to fix.
 */
export async function confirmProvider(
  cli: TerraformCliSetup,
  awsVersion: string,
  projectDir: string,
  outdir: string,
  log: (text: string) => void,
): Promise<boolean> {
  const provider = await checkProvider(cli, { projectDir, awsProviderVersion: awsVersion });
  if (!provider.ok) log(`linkforge plan: ${provider.message}; ${untouched(outdir)}\n`);
  return provider.ok;
}
