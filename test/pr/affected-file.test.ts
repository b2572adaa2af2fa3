import * as fs from 'fs';
import * as path from 'path';
import { AffectedError } from '../../src/pr/affected';
import { readAffectedFile } from '../../src/pr/affected-file';
import { removeTempDirs, tempDir } from '../terraform/helpers';

afterAll(removeTempDirs);

function write(content: string): string {
  const file = path.join(tempDir('affected-file'), 'affected.json');
  fs.writeFileSync(file, content);
  return file;
}

describe('readAffectedFile', () => {
  it('reads what `linkforge affected --format json` writes', () => {
    const file = write(
      JSON.stringify({
        added: ['b'],
        changed: ['c', 'a'],
        removed: ['gone'],
        all: true,
        reason: 'shared code changed: src/',
      }),
    );
    expect(readAffectedFile(file)).toEqual({
      added: ['b'],
      changed: ['a', 'c'],
      removed: ['gone'],
      all: true,
      reason: 'shared code changed: src/',
    });
  });

  it.each([
    ['not JSON', '{', /cannot read/],
    [
      'a list is missing',
      JSON.stringify({ added: [], changed: [] }),
      /'removed' must be a list of customer ids/,
    ],
    [
      'an id that is a path',
      JSON.stringify({ added: ['../x'], changed: [], removed: [] }),
      /'added' must be a list/,
    ],
  ])('refuses %s', (_what, content, message) => {
    const file = write(content);
    expect(() => readAffectedFile(file)).toThrow(AffectedError);
    expect(() => readAffectedFile(file)).toThrow(message);
  });
});
