/**
 * A minimal valid VPC-peering customer file, as YAML text: the starting point tests mutate with
 * `.replace()` to make one problem at a known line. Line layout is part of the contract here:
 * tests assert line:col against it.
 */
export function peeringYaml(id: string, orgSuffix = '1f34'): string {
  return `id: ${id}
name: ${id}
orgId: 6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a${orgSuffix}
plan: enterprise
connectivity:
  type: vpc-peering
  peer:
    accountId: '111122223333'
    vpcId: vpc-0a1b2c3d
    region: eu-west-1
    cidrs: [172.31.0.0/16]
`;
}
