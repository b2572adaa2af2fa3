import { parse } from 'yaml';
import { renameCustomer } from '../../src/bench/fleet';

describe('renameCustomer', () => {
  it('changes the name only, keeping comments and the other keys', () => {
    const before = '# a comment\nid: acme\nname: "Acme Corp"\nplan: team # trailing\n';
    const after = renameCustomer(before);
    expect(parse(after)).toEqual({ id: 'acme', name: 'Acme Corp (renamed)', plan: 'team' });
    expect(after).toContain('# a comment');
    expect(after).toContain('# trailing');
  });
});
