/**
 * `linkforge handoff ID [--format md|json] [--device TYPE] [--live] [--customers DIR] [--outdir DIR]`:
 * the customer's handoff document, written atomically to `<outdir>/handoff/<id>.md` (or `.json`).
 *
 * Values come from the stack's outputs, read through Terraform from the customer's own state
 * backend (src/handoff/outputs.ts); before deploy the document says what is pending. `--live` asks
 * AWS (read-only) for the peering request's status and expiry; `--device TYPE` adds AWS's sample
 * configuration for the customer's VPN device, pre-shared keys removed. Both need credentials for
 * the vendor account; nothing else does.
 *
 * Exit status: 0 written, 1 bad input (unknown id, invalid files, state unreadable, AWS refused).
 */
import * as path from 'path';
import { DescribeVpcPeeringConnectionsCommand } from '@aws-sdk/client-ec2';
import { formatText, hasErrors } from '../config/diagnostics';
import { DEFAULT_CUSTOMERS_DIR, loadProject } from '../config/load';
import { availabilityZonesFor } from '../config/settings';
import { writeFileAtomic } from '../fsutil/atomic-write';
import { DeviceTypeError, fetchDeviceConfiguration } from '../handoff/device-configuration';
import type { PeeringLiveInfo } from '../handoff/document';
import { buildHandoff } from '../handoff/model';
import { readStackOutputs, type StackOutputs } from '../handoff/outputs';
import { renderHandoffJson, renderHandoffMarkdown } from '../handoff/render';
import { plain } from '../handoff/text';
import { ec2Client, type Ec2Like } from '../status/client';
import { choice, defineCommand } from './kit';
import { PROCESS_OUTPUT, type Output } from './output';

const USAGE = `usage: linkforge handoff ID [--format md|json] [--device TYPE] [--live] [--customers DIR] [--outdir DIR]

  ID               the customer
  --format md|json Markdown for the customer (default) or JSON for tools
  --device TYPE    add AWS's sample configuration for the customer's VPN device (a device type id,
                   or words of "vendor platform software", e.g. "Cisco ASA"); needs AWS credentials
  --live           ask AWS for the peering request's status and exact expiry; needs AWS credentials
  --customers DIR  customer files (default: customers)
  --outdir DIR     output root (default: cdktf.out); the document goes to DIR/handoff/<id>.<md|json>
`;

export interface HandoffCommandOptions {
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

export const { run } = defineCommand({
  name: 'handoff',
  usage: USAGE,
  options: {
    format: { type: 'string' },
    device: { type: 'string' },
    live: { type: 'boolean' },
    customers: { type: 'string' },
    outdir: { type: 'string' },
  },
  positionals: true,
  args: (values, positionals): HandoffCommandOptions => {
    if (positionals.length !== 1) throw new Error('give exactly one customer id');
    return {
      id: positionals[0],
      format: choice('--format', values.format, ['md', 'json'], 'md'),
      device: values.device,
      live: values.live ?? false,
      customersDir: values.customers,
      outdir: values.outdir,
    };
  },
  execute: handoffCommand,
});

export async function handoffCommand(
  opts: HandoffCommandOptions,
  out: Output = PROCESS_OUTPUT,
): Promise<number> {
  const projectDir = path.resolve(opts.projectDir ?? process.cwd());
  const customersDir = opts.customersDir ?? DEFAULT_CUSTOMERS_DIR;
  const fromCwd = (p: string) => path.relative(process.cwd(), path.resolve(projectDir, p)) || '.';
  const loaded = loadProject({ customersDir: fromCwd(customersDir), cdktfJson: fromCwd('cdktf.json') });
  for (const d of loaded.diagnostics) out.stderr(formatText(d) + '\n');
  if (hasErrors(loaded.diagnostics)) {
    out.stderr('linkforge handoff: the customer files have errors (above); no document was written\n');
    return 1;
  }
  const entry = loaded.customers.find((c) => c.customer.id === opts.id);
  if (!entry) {
    out.stderr(`linkforge handoff: unknown customer id '${opts.id}' (no such file in ${customersDir}/)\n`);
    return 1;
  }
  const customer = entry.customer;
  if (customer.decommission) {
    out.stderr(`linkforge handoff: ${entry.file} is decommissioned: there is nothing to hand off\n`);
    return 1;
  }

  const reading = await readStackOutputs(customer.id, loaded.settings, { projectDir, env: opts.env });
  if (reading.kind === 'error') {
    out.stderr(
      `linkforge handoff: cannot read the outputs of stack '${customer.id}' from ${reading.where}: ${reading.why}\n`,
    );
    return 1;
  }
  const outputs: StackOutputs | undefined = reading.kind === 'outputs' ? reading.outputs : undefined;
  out.stderr(
    reading.kind === 'outputs'
      ? `read ${Object.keys(reading.outputs).length} output(s) of '${customer.id}' from ${reading.where}\n`
      : `no outputs in ${reading.where}: '${customer.id}' is not deployed yet; the document lists what is pending\n`,
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
        out.stderr(
          `linkforge handoff: --device applies to site-to-site VPN customers; '${customer.id}' is ${customer.connectivity.type}\n`,
        );
        return 1;
      }
      if (!vpnId) {
        out.stderr(
          `linkforge handoff: --device needs the deployed VPN connection (no vpn_connection_id output in ${reading.where})\n`,
        );
        return 1;
      }
      deviceConfiguration = await fetchDeviceConfiguration(
        clientFor(customer.region),
        vpnId,
        opts.device,
        customer.connectivity.ikeVersion,
      );
    }
  } catch (e) {
    const what =
      e instanceof DeviceTypeError ? e.message : `AWS refused: ${(e as Error).name}: ${(e as Error).message}`;
    out.stderr(`linkforge handoff: ${what}\n`);
    return 1;
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
  for (const w of handoff.warnings) out.stderr(`warning: ${plain(w)}\n`);
  for (const s of handoff.platformSteps) out.stderr(`platform team: ${plain(s)}\n`);
  out.stdout(`${path.relative(process.cwd(), file).split(path.sep).join('/')}\n`);
  return 0;
}
