/**
 * What the connectivity-specific parts of a handoff (peering.ts, vpn.ts, transit-gateway.ts) share:
 * the build context, typed access to the stack's outputs, and the values and steps every type has.
 */
import type { PortRange } from '../config/types';
import type { HandoffInput, Step, Topology, TunnelSheet, ValueRow } from './document';
import type { StackOutputs } from './outputs';
import { type Sentence, v } from './text';

/** Typed access to outputs: a value of the wrong type counts as missing. */
export class Outputs {
  constructor(private readonly o: StackOutputs | undefined) {}
  str(name: string): string | undefined {
    const x = this.o?.[name];
    if (typeof x === 'string' && x !== '') return x;
    if (typeof x === 'number') return String(x);
    return undefined;
  }
  list(name: string): string[] | undefined {
    const x = this.o?.[name];
    return Array.isArray(x) && x.every((e) => typeof e === 'string') ? (x as string[]) : undefined;
  }
}

export interface Ctx {
  readonly input: HandoffInput;
  readonly out: Outputs;
  readonly deployed: boolean;
  readonly vendorCidr: string;
  readonly region: string;
  readonly warnings: Sentence[];
}

/** The connectivity-specific part of a handoff. */
export interface Body {
  readonly values: ValueRow[];
  readonly tunnels?: TunnelSheet;
  readonly pending: Sentence[];
  readonly steps: Step[];
  readonly platformSteps: Sentence[];
  readonly link: Topology['link'];
  readonly customer: Topology['customer'];
}

const CREATED_BY_DEPLOY = 'created by the deploy';

/** Why an output is missing: not deployed yet, or deployed by a linkforge that did not publish it. */
export function missingReason(ctx: Ctx): string {
  return ctx.deployed
    ? `not in the stack's outputs: run \`cdktf deploy ${ctx.input.customer.id}\` with this version of linkforge to publish it`
    : CREATED_BY_DEPLOY;
}

export function valueOrPending(
  ctx: Ctx,
  label: string,
  output: string,
  fallback?: string | number,
): ValueRow {
  const value = ctx.out.str(output) ?? (fallback === undefined ? undefined : String(fallback));
  return value === undefined ? { label, pending: missingReason(ctx) } : { label, value };
}

/** The step that opens the customer's side to the connectors: vendor CIDR × TCP ports. */
export function allowInStep(
  ctx: Ctx,
  ports: readonly PortRange[] | undefined,
  where: string,
  commands?: string[],
): Step {
  return {
    title: "Allow the vendor's connectors in",
    paragraphs: [['Allow inbound TCP from ', v(ctx.vendorCidr), ' on ', v(portsText(ports)), ` ${where}`]],
    commands,
  };
}

/** The platform team's step before a deploy. */
export function deployFirst(ctx: Ctx): Sentence {
  return [
    'Deploy first: ',
    v(`npx cdktf deploy ${ctx.input.customer.id}`),
    ', then regenerate this document.',
  ];
}

/** The platform team's step once the customer accepted: record it in the file and deploy. */
export function recordAcceptance(ctx: Ctx, awsState: string, effect: string): Sentence {
  return [
    'When ',
    v(`npm run status -- ${ctx.input.customer.id}`),
    ` reports ${awsState}, set `,
    v('accepted: true'),
    ' in ',
    v(ctx.input.file),
    ` and deploy it${effect}.`,
  ];
}

/** `443`, `5432-5433`, or every TCP port. */
export function portsText(ports: readonly PortRange[] | undefined): string {
  if (!ports) return 'all TCP ports';
  return ports.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(', ');
}

/** The port ranges to open: the listed ones, or every TCP port. */
export function portRanges(ports: readonly PortRange[] | undefined): readonly PortRange[] {
  return ports ?? [{ from: 0, to: 65535 }];
}
