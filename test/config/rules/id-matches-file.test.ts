import { idMatchesFile } from '../../../src/config/rules/id-matches-file';
import { only, peering, run } from './helpers';

describe('ID_MISMATCH', () => {
  it('accepts an id equal to the file stem', () => {
    expect(run(idMatchesFile, peering(), { fileStem: 'acme-corp' })).toEqual([]);
  });

  it('reports a different id at `id`, with both fixes', () => {
    const f = only(run(idMatchesFile, peering(), { fileStem: 'acme' }));
    expect(f).toMatchObject({ code: 'ID_MISMATCH', severity: 'error', path: ['id'] });
    expect(f.message).toMatch(/^acme-corp differs from the file name acme;/);
    expect(f.message).toContain('expected id: acme');
    expect(f.message).toContain('acme-corp.yaml');
  });
});
