/**
 * The topology as a Mermaid flowchart, which GitHub renders inside Markdown. Node ids are fixed
 * literals; every label is a quoted string in which anything but letters, digits, space and
 * `. / : , ( ) -` is written as a Mermaid entity code (`#35;`), so a value can neither close the
 * label, nor start a new statement, nor inject markup (Mermaid labels accept HTML).
 */
import type { Topology } from './document';

/** A label's text as Mermaid entity-escaped text, for use inside `"…"`. */
export function mermaidText(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n|\r|\n/g, ' ')) {
    out += /^[A-Za-z0-9 ./:,()-]$/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}

function label(...lines: string[]): string {
  // `<br>` is Mermaid's own line break; it is written here, never taken from a value.
  return `"${lines.map(mermaidText).join('<br>')}"`;
}

export function topologyDiagram(t: Topology): string {
  const vendorTitle = `Vendor VPC ${t.vendor.cidr}${t.vendor.vpcId ? ` ${t.vendor.vpcId}` : ''} (${t.vendor.region})`;
  const lines = [
    'flowchart LR',
    `  subgraph vendor[${label(vendorTitle)}]`,
    ...t.vendor.subnets.map(
      (s, i) => `    subnet${i + 1}[${label('private subnet', `${s.cidr} (${s.zone})`)}]`,
    ),
    '  end',
    `  link{{${label(t.link.kind, ...(t.link.id ? [t.link.id] : ['created by the deploy']), ...(t.link.detail ? [t.link.detail] : []))}}}`,
    `  subgraph customer[${label(t.customer.label)}]`,
    ...t.customer.networks.map((n, i) => `    network${i + 1}[${label(n)}]`),
    '  end',
    '  vendor --- link --- customer',
  ];
  return lines.join('\n');
}
