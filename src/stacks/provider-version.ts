/**
 * The hashicorp/aws version every stack pins, read from the prebuilt provider bindings
 * (@cdktf/provider-aws 20.1.0 generates `version = "5.100.0"` into each stack): the one source of
 * that number, so the environment check before synthesis asks for exactly what the stacks will.
 */
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

let cached: string | undefined;

export function awsProviderVersion(): string {
  if (cached === undefined) {
    const provider = new AwsProvider(new TerraformStack(new App({ skipValidation: true }), 'probe'), 'aws');
    const version = provider.terraformGeneratorMetadata?.providerVersion;
    if (!version) throw new Error('@cdktf/provider-aws does not state the provider version it was built for');
    cached = version;
  }
  return cached;
}
