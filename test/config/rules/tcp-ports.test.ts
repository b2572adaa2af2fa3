import { tcpPorts } from '../../../src/config/rules/tcp-ports';
import { only, peering, run } from './helpers';

describe('PORT_RANGE_INVALID / PORT_RANGE_OVERLAP', () => {
  it('accepts ports and ordered ranges, and a missing list', () => {
    expect(run(tcpPorts, peering({ allowedTcpPorts: [443, '5432-5433', '1-1', '65535-65535'] }))).toEqual([]);
    expect(run(tcpPorts, peering())).toEqual([]);
  });

  it('rejects a reversed range and gives it back in order', () => {
    const f = only(run(tcpPorts, peering({ allowedTcpPorts: [443, '5433-5432'] })));
    expect(f).toMatchObject({
      code: 'PORT_RANGE_INVALID',
      severity: 'error',
      path: ['connectivity', 'allowedTcpPorts', 1],
    });
    expect(f.message).toBe(
      '5433-5432 starts after it ends (5433 > 5432); expected "from-to" with from <= to: write "5432-5433"',
    );
  });

  it.each(['0-80', '8000-65536', '70000-80000'])('rejects %s outside 1-65535', (range) => {
    const f = only(run(tcpPorts, peering({ allowedTcpPorts: [range] })));
    expect(f.code).toBe('PORT_RANGE_INVALID');
    expect(f.message).toContain('expected "from-to" with both ports from 1 to 65535');
  });

  it('warns about a repeated port and an overlapping range', () => {
    const dup = only(run(tcpPorts, peering({ allowedTcpPorts: [443, 443] })));
    expect(dup).toMatchObject({
      code: 'PORT_RANGE_OVERLAP',
      severity: 'warning',
      path: ['connectivity', 'allowedTcpPorts', 1],
    });
    expect(dup.message).toBe(
      '443 repeats connectivity.allowedTcpPorts[0] 443; expected each port once: remove this entry',
    );

    const overlap = only(run(tcpPorts, peering({ allowedTcpPorts: ['8000-8100', 22, '8050-8200'] })));
    expect(overlap.path).toEqual(['connectivity', 'allowedTcpPorts', 2]);
    expect(overlap.message).toContain('merge them into "8000-8200"');
  });
});
