/**
 * PORT_RANGE_INVALID, PORT_RANGE_OVERLAP: a "from-to" range needs from <= to within 1-65535 (the
 * schema checks single ports and the syntax; the arithmetic is here). A repeated or overlapping
 * entry is only a warning: the security group allows the union either way, so nothing breaks, but
 * it usually means a typo in the list.
 */
import type { Finding, Rule } from './rule';
import { error, warning } from './support';
import { formatPath } from '../../text/field-path';

const MIN_PORT = 1;
const MAX_PORT = 65535;

interface PortEntry {
  readonly text: string;
  readonly from: number;
  readonly to: number;
  readonly index: number;
}

export const tcpPorts: Rule = {
  codes: ['PORT_RANGE_INVALID', 'PORT_RANGE_OVERLAP'],
  description: 'allowedTcpPorts ranges are ordered and within 1-65535; entries do not repeat or overlap.',
  check({ document }) {
    // Every connectivity type that has a connector security group may list ports.
    const ports =
      'allowedTcpPorts' in document.connectivity ? document.connectivity.allowedTcpPorts : undefined;
    if (!ports) return [];
    const findings: Finding[] = [];
    const valid: PortEntry[] = [];
    ports.forEach((value, index) => {
      const path = ['connectivity', 'allowedTcpPorts', index];
      const entry = parse(value, index);
      if (!entry) return;
      if (entry.from < MIN_PORT || entry.to > MAX_PORT) {
        findings.push(
          error(
            'PORT_RANGE_INVALID',
            path,
            `${entry.text} goes outside ports ${MIN_PORT}-${MAX_PORT}; expected "from-to" with both ports from ${MIN_PORT} to ${MAX_PORT}`,
          ),
        );
        return;
      }
      if (entry.from > entry.to) {
        findings.push(
          error(
            'PORT_RANGE_INVALID',
            path,
            `${entry.text} starts after it ends (${entry.from} > ${entry.to}); expected "from-to" with from <= to: write "${entry.to}-${entry.from}"`,
          ),
        );
        return;
      }
      const other = valid.find((v) => v.from <= entry.to && entry.from <= v.to);
      if (other) {
        const where = `${formatPath(['connectivity', 'allowedTcpPorts', other.index])} ${other.text}`;
        const message =
          other.from === entry.from && other.to === entry.to
            ? `${entry.text} repeats ${where}; expected each port once: remove this entry`
            : `${entry.text} overlaps ${where}; expected disjoint ports: merge them into "${Math.min(other.from, entry.from)}-${Math.max(other.to, entry.to)}"`;
        findings.push(warning('PORT_RANGE_OVERLAP', path, message));
      }
      valid.push(entry);
    });
    return findings;
  },
};

function parse(value: number | string, index: number): PortEntry | undefined {
  if (typeof value === 'number') return { text: String(value), from: value, to: value, index };
  const match = /^(\d+)-(\d+)$/.exec(value);
  if (!match) return undefined;
  return { text: value, from: Number(match[1]), to: Number(match[2]), index };
}
