/**
 * AWS's sample configuration for the customer's VPN device (`--device TYPE`): the device type is
 * looked up among `GetVpnConnectionDeviceTypes`, the text comes from
 * `GetVpnConnectionDeviceSampleConfiguration`, and every pre-shared key is removed before the text
 * can reach a document. Both calls are read-only and need credentials for the vendor account.
 */
import {
  GetVpnConnectionDeviceSampleConfigurationCommand,
  GetVpnConnectionDeviceTypesCommand,
  type EC2Client,
  type VpnConnectionDeviceType,
} from '@aws-sdk/client-ec2';

export const REDACTED_KEY = 'PRE-SHARED-KEY-SENT-SEPARATELY';

/** A line that may carry a key: it names a pre-shared key, a PSK, a secret or a `key`. */
const KEY_LINE = /pre-?shared[ -]?key|\bpsk|psksecret|secret|\bkey\b/i;

/**
 * Removes every pre-shared key from a device configuration. AWS's samples put the key last on a
 * line that names it, in every format they use: Cisco `pre-shared-key address … key K`, ASA
 * `ikev1 pre-shared-key K`, Juniper `pre-shared-key ascii-text "K"`, strongSwan `… : PSK "K"`,
 * Fortinet `set psksecret K`, Palo Alto `<key>K</key>`, text `Pre-Shared Key : K`. So on every such
 * line the last word (quotes and a closing XML tag kept) is replaced. A comment that merely
 * mentions keys loses its last word: a price worth paying for a rule with no key-shaped gaps.
 */
export function redactPresharedKeys(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (!KEY_LINE.test(line)) return line;
      const xml = line.replace(/(<(?:pre-shared-key|psk|key|secret)>)[^<]*(<\/)/gi, `$1${REDACTED_KEY}$2`);
      if (xml !== line) return xml;
      return line.replace(/(["']?)[^\s"']+\1(\s*;?\s*)$/, `$1${REDACTED_KEY}$1$2`);
    })
    .join('\n');
}

/** Thrown for an unknown or ambiguous `--device`; the message lists what exists. */
export class DeviceTypeError extends Error {}

function describe(t: VpnConnectionDeviceType): string {
  return [t.Vendor, t.Platform, t.Software].filter(Boolean).join(' ');
}

/** The device type `wanted` names: an id, or words matched against "vendor platform software". */
export function chooseDeviceType(
  types: readonly VpnConnectionDeviceType[],
  wanted: string,
): VpnConnectionDeviceType {
  const byId = types.find((t) => t.VpnConnectionDeviceTypeId === wanted);
  if (byId) return byId;
  const words = wanted.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = types.filter((t) => {
    const d = describe(t).toLowerCase();
    return words.every((w) => d.includes(w));
  });
  if (matches.length === 1) return matches[0];
  const list = (ts: readonly VpnConnectionDeviceType[]) =>
    ts
      .slice(0, 20)
      .map((t) => `${t.VpnConnectionDeviceTypeId} (${describe(t)})`)
      .join('; ');
  if (matches.length === 0)
    throw new DeviceTypeError(`no VPN device type matches '${wanted}'; some that exist: ${list(types)}`);
  throw new DeviceTypeError(
    `'${wanted}' matches ${matches.length} device types, name one by id: ${list(matches)}`,
  );
}

/** The redacted sample configuration of `vpnConnectionId` for the device `wanted`. */
export async function fetchDeviceConfiguration(
  client: Pick<EC2Client, 'send'>,
  vpnConnectionId: string,
  wanted: string,
  ikeVersion: string,
): Promise<{ device: string; text: string }> {
  const types: VpnConnectionDeviceType[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new GetVpnConnectionDeviceTypesCommand({ MaxResults: 200, NextToken: token }),
    );
    types.push(...(page.VpnConnectionDeviceTypes ?? []));
    token = page.NextToken;
  } while (token);
  const type = chooseDeviceType(types, wanted);
  const res = await client.send(
    new GetVpnConnectionDeviceSampleConfigurationCommand({
      VpnConnectionId: vpnConnectionId,
      VpnConnectionDeviceTypeId: type.VpnConnectionDeviceTypeId,
      InternetKeyExchangeVersion: ikeVersion,
    }),
  );
  return {
    device: describe(type),
    text: redactPresharedKeys(res.VpnConnectionDeviceSampleConfiguration ?? ''),
  };
}
