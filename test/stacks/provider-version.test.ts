/**
 * The provider version the environment check asks for (read from the bindings' package.json,
 * without cdktf) is the version the synthesized stacks pin.
 */
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { awsProviderVersion } from '../../src/stacks/provider-version';

describe('awsProviderVersion', () => {
  it('is the version the provider bindings were generated for, exactly (x.y.z)', () => {
    const provider = new AwsProvider(new TerraformStack(new App({ skipValidation: true }), 'probe'), 'aws');
    expect(provider.terraformGeneratorMetadata?.providerVersion).toBe(awsProviderVersion());
    expect(awsProviderVersion()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
