/**
 * One handoff run: load and check the customer files, read the stack's outputs from its state,
 * ask AWS when told to (`--live`, `--device`), build the document and write it atomically. The CLI
 * (src/cli/handoff.ts) only parses arguments and prints what this returns.
 */
import * as path from 'path';
import { DescribeVpcPeeringConnectionsCommand } from '@aws-sdk/client-ec2';
import { hasErrors, type Diagnostic } from '../config/diagnostics';
import { DEFAULT_CUSTOMERS_DIR, loadProject } from '../config/load';
import { availabilityZonesFor } from '../config/settings';
import { writeFileAtomic } from '../fsutil/atomic-write';
import { ec2Client, type Ec2Like } from '../status/client';
import { DeviceTypeError, fetchDeviceConfiguration } from './device-configuration';
import type { Handoff, PeeringLiveInfo } from './document';
import { buildHandoff } from './model';
import { readStackOutputs, type StackOutputs } from './outputs';
import { renderHandoffJson, renderHandoffMarkdown } from './render';

export interface HandoffRunOptions {
  readonly id: string;
  /** @default 'md' */
  readonly format?: 'md' | 'json';
  readonly device?: string;
  readonly live?: boolean;
  readonly customersDir?: string;
  /** @default 'cdktf.out' */
  readonly outdir?: string;
  /** @default process.cwd() */
  readonly projectDir?: string;
  /** EC2 client per region (tests inject a mocked one). @default a real client with retries */
  readonly clientFor?: (region: string) => Ec2Like;
  /** Environment for terraform. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * What a run did, in the order it happened: the files' diagnostics, notes on where the values came
 * from, then either why no document was written or the document and where it went.
 */
export type HandoffRun = {
  readonly diagnostics: readonly Diagnostic[];
  readonly notes: readonly string[];
} & (
  | { readonly error: string }
  | { readonly error?: undefined; readonly handoff: Handoff; readonly file: string }
);

export async function runHandoff(opts: HandoffRunOptions): Promise<HandoffRun> {
  const projectDir = path.resolve(opts.projectDir ?? process.cwd());
  const customersDir = opts.customersDir ?? DEFAULT_CUSTOMERS_DIR;
  const fromCwd = (p: string) => path.relative(process.cwd(), path.resolve(projectDir, p)) || '.';
  const loaded = loadProject({ customersDir: fromCwd(customersDir), cdktfJson: fromCwd('cdktf.json') });
  const notes: string[] = [];
  const { diagnostics } = loaded;
  const refuse = (error: string): HandoffRun => ({ diagnostics, notes, error });
  if (hasErrors(diagnostics))
    return refuse('the customer files have errors (above); no document was written');
  const entry = loaded.customers.find((c) => c.customer.id === opts.id);
  if (!entry) return refuse(`unknown customer id '${opts.id}' (no such file in ${customersDir}/)`);
  const customer = entry.customer;
  if (customer.decommission) return refuse(`${entry.file} is decommissioned: there is nothing to hand off`);

  const reading = await readStackOutputs(customer.id, loaded.settings, { projectDir, env: opts.env });
  if (reading.kind === 'error') {
    return refuse(`cannot read the outputs of stack '${customer.id}' from ${reading.where}: ${reading.why}`);
  }
  const outputs: StackOutputs | undefined = reading.kind === 'outputs' ? reading.outputs : undefined;
  notes.push(
    reading.kind === 'outputs'
      ? `read ${Object.keys(reading.outputs).length} output(s) of '${customer.id}' from ${reading.where}`
      : `no outputs in ${reading.where}: '${customer.id}' is not deployed yet; the document lists what is pending`,
  );

  const clientFor = opts.clientFor ?? ((region: string) => ec2Client(region));
  const str = (name: string) => (typeof outputs?.[name] === 'string' ? (outputs[name] as string) : undefined);
  let peering: PeeringLiveInfo | undefined;
  let deviceConfiguration: { device: string; text: string } | undefined;
  try {
    const pcx = str('vpc_peering_connection_id');
    if (opts.live && customer.connectivity.type === 'vpc-peering' && pcx) {
      const res = await clientFor(customer.region).send(
        new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [pcx] }),
      );
      const found = res.VpcPeeringConnections?.[0];
      peering = { status: found?.Status?.Code, expiresAt: found?.ExpirationTime?.toISOString() };
    }
    if (opts.device !== undefined) {
      const vpnId = str('vpn_connection_id');
      if (customer.connectivity.type !== 'site-to-site-vpn') {
        return refuse(
          `--device applies to site-to-site VPN customers; '${customer.id}' is ${customer.connectivity.type}`,
        );
      }
      if (!vpnId) {
        return refuse(
          `--device needs the deployed VPN connection (no vpn_connection_id output in ${reading.where})`,
        );
      }
      deviceConfiguration = await fetchDeviceConfiguration(
        clientFor(customer.region),
        vpnId,
        opts.device,
        customer.connectivity.ikeVersion,
      );
    }
  } catch (e) {
    return refuse(
      e instanceof DeviceTypeError ? e.message : `AWS refused: ${(e as Error).name}: ${(e as Error).message}`,
    );
  }

  const handoff = buildHandoff({
    customer,
    file: entry.file,
    outputs,
    availabilityZones: availabilityZonesFor(loaded.settings, customer.region),
    peering,
    deviceConfiguration,
  });
  const format = opts.format ?? 'md';
  const file = path.resolve(projectDir, opts.outdir ?? 'cdktf.out', 'handoff', `${customer.id}.${format}`);
  writeFileAtomic(file, format === 'json' ? renderHandoffJson(handoff) : renderHandoffMarkdown(handoff));
  return { diagnostics, notes, handoff, file };
}
