/**
 * The IPsec parameters in force on a VPN connection's tunnels: what the customer file configures,
 * and AWS's defaults for everything it leaves out (the stack passes nothing for those, so AWS
 * applies its own). The customer's device must offer a matching proposal.
 *
 * Defaults are AWS's documented ones for `VpnTunnelOptionsSpecification` (EC2 API reference):
 * every encryption and integrity algorithm, DH groups 2 and 14-24 (phase 1) and 2, 5 and 14-24
 * (phase 2), lifetimes 28800 s and 3600 s, rekey margin 270 s, DPD timeout 30 s with action
 * `clear`, startup action `add` (AWS waits for the customer's device to initiate).
 */
import type { PhaseOptions, SiteToSiteVpnConnectivity } from '../config/types';

const ALL_ENCRYPTION = ['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16'];
const ALL_INTEGRITY = ['SHA1', 'SHA2-256', 'SHA2-384', 'SHA2-512'];
const RANGE_14_24 = Array.from({ length: 11 }, (_, i) => 14 + i);

const AWS_TUNNEL_DEFAULTS = {
  phase1: {
    lifetimeSeconds: 28800,
    encryption: ALL_ENCRYPTION,
    integrity: ALL_INTEGRITY,
    dhGroups: [2, ...RANGE_14_24],
  },
  phase2: {
    lifetimeSeconds: 3600,
    encryption: ALL_ENCRYPTION,
    integrity: ALL_INTEGRITY,
    dhGroups: [2, 5, ...RANGE_14_24],
  },
  rekeyMarginSeconds: 270,
  dpdTimeoutSeconds: 30,
  dpdTimeoutAction: 'clear',
  startupAction: 'add',
} as const;

/** One parameter: its value and whether the file set it or AWS's default applies. */
export interface Parameter {
  readonly name: string;
  readonly value: string;
  readonly source: 'configured' | 'aws-default';
}

function pick<T>(name: string, configured: T | undefined, fallback: T, show: (x: T) => string): Parameter {
  return configured === undefined
    ? { name, value: show(fallback), source: 'aws-default' }
    : { name, value: show(configured), source: 'configured' };
}

const list = (xs: readonly (string | number)[]) => xs.join(', ');
const seconds = (n: number) => `${n} s`;

function phase(n: 1 | 2, configured: PhaseOptions | undefined): Parameter[] {
  const d = n === 1 ? AWS_TUNNEL_DEFAULTS.phase1 : AWS_TUNNEL_DEFAULTS.phase2;
  return [
    pick(`Phase ${n} encryption`, configured?.encryption, d.encryption, list),
    pick(`Phase ${n} integrity`, configured?.integrity, d.integrity, list),
    pick(`Phase ${n} DH groups`, configured?.dhGroups, d.dhGroups, list),
    pick(`Phase ${n} lifetime`, configured?.lifetimeSeconds, d.lifetimeSeconds, seconds),
  ];
}

/** Every tunnel parameter the customer's device must match, in the order a device asks for them. */
export function tunnelParameters(c: SiteToSiteVpnConnectivity): Parameter[] {
  const o = c.tunnelOptions;
  return [
    { name: 'IKE version', value: c.ikeVersion, source: 'configured' },
    ...phase(1, o?.phase1),
    ...phase(2, o?.phase2),
    pick('Rekey margin', o?.rekeyMarginSeconds, AWS_TUNNEL_DEFAULTS.rekeyMarginSeconds, seconds),
    pick('DPD timeout', o?.dpdTimeoutSeconds, AWS_TUNNEL_DEFAULTS.dpdTimeoutSeconds, seconds),
    pick('DPD timeout action', o?.dpdTimeoutAction, AWS_TUNNEL_DEFAULTS.dpdTimeoutAction, String),
    pick('Startup action', o?.startupAction, AWS_TUNNEL_DEFAULTS.startupAction, String),
  ];
}
