import { orgIdUnique } from '../../../src/config/rules/org-id-unique';
import { loaded, only, peering, run, vpn } from './helpers';

const OTHER_ORG = '0c9d8e7f-1a2b-4c3d-8e4f-5a6b7c8d9e0f';

describe('ORG_ID_DUPLICATE', () => {
  it('accepts distinct orgIds', () => {
    const other = loaded(vpn({}, { id: 'globex', orgId: OTHER_ORG, region: 'eu-west-1' }));
    expect(run(orgIdUnique, peering(), { others: [other] })).toEqual([]);
  });

  it('reports the same orgId (case-blind), naming the other files in order', () => {
    const others = [
      loaded(vpn({}, { id: 'zeta', orgId: '6F1C2E4A-8D3B-4F7A-9C21-5E0B7D9A1F34', region: 'eu-west-1' })),
      loaded(peering({}, { id: 'beta' })),
    ];
    const f = only(run(orgIdUnique, peering(), { others }));
    expect(f).toMatchObject({ code: 'ORG_ID_DUPLICATE', severity: 'error', path: ['orgId'] });
    expect(f.message).toBe(
      '6f1c2e4a-8d3b-4f7a-9c21-5e0b7d9a1f34 is also the orgId of customers/beta.yaml, customers/zeta.yaml; expected one customer file per organisation: merge them, or correct the orgId',
    );
  });
});
