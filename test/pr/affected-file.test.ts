import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { AffectedError } from '../../src/pr/affected';
import { MAX_AFFECTED_BYTES, readAffectedFile } from '../../src/pr/affected-file';
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

  it.each([
    [
      'a FIFO (named pipe)',
      (file: string) => execFileSync('mkfifo', [file]),
      /is a FIFO \(named pipe\), not a regular file/,
    ],
    [
      'a symbolic link',
      (file: string) => {
        fs.writeFileSync(`${file}.real`, JSON.stringify({ added: [], changed: [], removed: [] }));
        fs.symlinkSync(`${file}.real`, file);
      },
      /is a symbolic link, not a regular file/,
    ],
    [
      'larger than the cap',
      (file: string) => {
        fs.writeFileSync(file, '');
        fs.truncateSync(file, MAX_AFFECTED_BYTES + 1);
      },
      /is larger than 16 MiB/,
    ],
  ])(
    'refuses a file that is %s, saying so (never a hang or the whole file in memory)',
    (_what, make, message) => {
      const file = path.join(tempDir('affected-file'), 'affected.json');
      make(file);
      expect(() => readAffectedFile(file)).toThrow(AffectedError);
      expect(() => readAffectedFile(file)).toThrow(message);
    },
  );
});
