/**
 * The hashicorp/aws version every stack pins: the version the prebuilt provider bindings were
 * generated for (@cdktf/provider-aws 20.1.0 writes `version = "5.100.0"` into each stack). The one
 * source of that number, so the environment check before synthesis asks for exactly what the
 * stacks will.
 *
 * Read from the bindings' package.json (`cdktf.provider.version`, which cdktf's provider
 * generator writes next to the code it generates) rather than by building an AwsProvider: that
 * needs cdktf and the provider bindings loaded, about 400 modules and 0.2 s, before a plan could
 * start its first `terraform init` (issue 13). test/stacks/provider-version.test.ts checks that
 * the two agree.
 */
import { createRequire } from 'module';

let cached: string | undefined;

export function awsProviderVersion(): string {
  if (cached === undefined) {
    const pkg = createRequire(__filename)('@cdktf/provider-aws/package.json') as {
      cdktf?: { provider?: { name?: string; version?: string } };
    };
    const version = pkg.cdktf?.provider?.version;
    if (!version || !/^\d+\.\d+\.\d+$/.test(version))
      throw new Error(
        '@cdktf/provider-aws/package.json does not state the provider version it was built for',
      );
    cached = version;
  }
  return cached;
}
