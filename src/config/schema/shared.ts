/** Schema pieces more than one connectivity type uses. */
import type { TSchema } from '@sinclair/typebox';
import { Type } from './builder';
import { cidrBlock, regionCode, tcpPort } from './fields';

/** A region field with the example editors show. */
export const region = (description: string) => regionCode({ description, examples: ['eu-west-1'] });

/** A CIDR field with an example. */
export const cidr = (description: string, example: string) => cidrBlock({ description, examples: [example] });

/** A list of CIDRs: `limits` (minItems/maxItems), each entry described, the list described. */
export const cidrList = (
  limits: { readonly minItems?: number; readonly maxItems?: number },
  entry: string,
  example: string,
  description: string,
) => Type.Array(cidr(entry, example), { ...limits, description, examples: [[example]] });

/** A non-empty list of distinct choices from `items` (the IKE algorithm and DH group lists). */
export const choiceList = <T extends TSchema>(items: T, description: string, example: readonly unknown[]) =>
  Type.Array(items, { minItems: 1, uniqueItems: true, description, examples: [example] });

export const allowedTcpPorts = Type.Array(
  tcpPort('A TCP port (1-65535) or a quoted "from-to" range with from <= to.'),
  {
    minItems: 1,
    description: 'TCP ports the vendor connectors may reach. Default: every TCP port.',
    examples: [[443, '5432-5433']],
  },
);
