/**
 * The environment a plan needs, checked before anything is written: Terraform present and recent
 * enough, the CLI configuration written, the AWS provider the stacks pin installable.
 */
import { awsProviderVersion } from '../stacks/provider-version';
import { describeCliSetup, prepareTerraformCli, type TerraformCliSetup } from '../terraform/cli-config';
import { checkProvider, checkTerraform } from '../terraform/environment';

/**
 * The CLI configuration to plan with, or undefined after one message saying what to fix.
 * `terraform` is the result of checkTerraform(), started by the caller as early as it likes (the
 * pipeline starts it before validating the files, so that the child runs on another core meanwhile).
 */
export async function checkEnvironment(
  projectDir: string,
  outdir: string,
  log: (text: string) => void,
  terraformCheck: ReturnType<typeof checkTerraform> = checkTerraform(),
): Promise<{ cli: TerraformCliSetup } | undefined> {
  const untouched = `nothing was synthesized or planned (${outdir} is unchanged)`;
  const terraform = await terraformCheck;
  if (!terraform.ok) {
    log(`linkforge plan: ${terraform.message}; ${untouched}\n`);
    return undefined;
  }
  let cli: TerraformCliSetup;
  const awsVersion = awsProviderVersion();
  try {
    cli = prepareTerraformCli({ projectDir, awsProviderVersion: awsVersion });
  } catch (e) {
    log(`linkforge plan: ${(e as Error).message}; ${untouched}\n`);
    return undefined;
  }
  const provider = await checkProvider(cli, { projectDir, awsProviderVersion: awsVersion });
  if (!provider.ok) {
    log(`linkforge plan: ${provider.message}; ${untouched}\n`);
    return undefined;
  }
  for (const w of provider.value.warnings) log(`linkforge plan: warning: ${w}\n`);
  log(`Terraform ${terraform.value}; ${describeCliSetup(cli)}\n`);
  return { cli };
}
