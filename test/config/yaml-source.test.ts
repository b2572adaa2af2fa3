import { MAX_ALIAS_NODES, readYaml } from '../../src/config/yaml-source';
import { MAX_FILE_BYTES, MAX_TOKENS } from '../../src/config/yaml-guards';
import { formatPath } from '../../src/text/field-path';
import type { YamlSource } from '../../src/config/yaml-locate';

function source(text: string): YamlSource {
  const r = readYaml('f.yaml', text);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.source;
}

function errorOf(text: string) {
  const r = readYaml('f.yaml', text);
  if (r.ok) throw new Error('expected a diagnostic');
  expect(r.diagnostics).toHaveLength(1);
  return r.diagnostics[0];
}

const DOC = `# comment
id: acme
connectivity:
  peer:
    cidrs:
      - 10.0.0.0/16
      - 10.1.0.0/16
    flow: [a, bb, ccc]
  empty:
list: &anchor [x, y]
copy: *anchor
`;

describe('YamlSource.locate', () => {
  const src = source(DOC);

  it('points at the value by default and at the key on request', () => {
    expect(src.locate(['id'])).toEqual({ line: 2, column: 5 });
    expect(src.locate(['id'], 'key')).toEqual({ line: 2, column: 1 });
    expect(src.locate(['connectivity', 'peer'], 'key')).toEqual({ line: 4, column: 3 });
  });

  it('finds items of block and flow lists', () => {
    expect(src.locate(['connectivity', 'peer', 'cidrs', 1])).toEqual({ line: 7, column: 9 });
    expect(src.locate(['connectivity', 'peer', 'flow', 2])).toEqual({ line: 8, column: 19 });
  });

  it('points a missing key at its parent key, and a missing top-level key at 1:1', () => {
    expect(src.locate(['connectivity', 'peer', 'vpcId'])).toEqual({ line: 4, column: 3 });
    expect(src.locate(['connectivity', 'peer', 'vpcId'], 'key')).toEqual({ line: 4, column: 3 });
    expect(src.locate(['region'])).toEqual({ line: 1, column: 1 });
    expect(src.locate(['connectivity', 'peer', 'cidrs', 9])).toEqual({ line: 5, column: 5 });
  });

  it('points an empty value (`key:` alone) at its key', () => {
    expect(src.locate(['connectivity', 'empty'])).toEqual({ line: 9, column: 3 });
  });

  it('follows aliases to the anchored node', () => {
    expect(src.locate(['copy', 1])).toEqual({ line: 10, column: 19 });
  });

  it('keeps the text of a scalar as written', () => {
    const s = source('accountId: 011122223333\n');
    expect(s.sourceText(['accountId'])).toBe('011122223333');
    expect(s.sourceText(['missing'])).toBeUndefined();
  });

  it('lists every key with its path, without following aliases', () => {
    expect(src.keys().map((k) => formatPath(k.path))).toEqual([
      'id',
      'connectivity',
      'connectivity.peer',
      'connectivity.peer.cidrs',
      'connectivity.peer.flow',
      'connectivity.empty',
      'list',
      'copy',
    ]);
  });

  it('counts columns in characters after a byte order mark and with CRLF line endings', () => {
    const s = source('\ufeffid: x\r\nname: y\r\n');
    expect(s.locate(['id'])).toEqual({ line: 1, column: 5 });
    expect(s.locate(['name'])).toEqual({ line: 2, column: 7 });
  });
});

describe('readYaml', () => {
  it('reads YAML 1.2 core: no yes/no booleans, no octal, even under a %YAML 1.1 directive', () => {
    const r = readYaml('f.yaml', '%YAML 1.1\n---\na: yes\nb: 017\nc: 0o17\n');
    expect(r.ok && r.value).toEqual({ a: 'yes', b: 17, c: 15 });
  });

  it('names the duplicate key and where it first appeared', () => {
    const d = errorOf('a:\n  b: 1\n  b: 2\n');
    expect(d).toMatchObject({ code: 'YAML_DUPLICATE_KEY', line: 3, column: 3, path: 'a.b' });
    expect(d.message).toContain('"b"');
    expect(d.message).toContain('line 2');
  });

  it('refuses several documents, pointing at the second', () => {
    expect(errorOf('a: 1\n---\nb: 2\n')).toMatchObject({
      code: 'YAML_MULTIPLE_DOCUMENTS',
      line: 2,
      column: 1,
    });
  });

  it('treats an empty or comment-only file as empty', () => {
    for (const text of ['', '\n\n', '# only a comment\n', '   '])
      expect(errorOf(text).code).toBe('FILE_EMPTY');
  });

  it('refuses binary content at the first offending character', () => {
    expect(errorOf('a: 1\nb: \u0000\n')).toMatchObject({ code: 'FILE_BINARY', line: 2, column: 4 });
    expect(errorOf('a: \ufffd\n')).toMatchObject({ code: 'FILE_BINARY', line: 1, column: 4 });
  });

  it('refuses tags outside the core schema', () => {
    expect(errorOf('a: !!binary aGk=\n').code).toBe('YAML_UNSUPPORTED_TAG');
    expect(errorOf('a: !Ref x\n').code).toBe('YAML_UNSUPPORTED_TAG');
  });

  it('stops a billion-laughs alias bomb quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 20; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const started = Date.now();
    const d = errorOf(`${levels.join('\n')}\n`);
    expect(d.code).toBe('YAML_ALIAS_LIMIT');
    expect(d.message).toContain(String(MAX_ALIAS_NODES));
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('allows a few ordinary aliases', () => {
    const r = readYaml('f.yaml', 'a: &n [10.0.0.0/16]\nb: *n\nc: *n\n');
    expect(r.ok && r.value).toEqual({ a: ['10.0.0.0/16'], b: ['10.0.0.0/16'], c: ['10.0.0.0/16'] });
  });

  it('refuses a file over the size limit without parsing it', () => {
    const text = `a: "${'x'.repeat(MAX_FILE_BYTES)}"\n`;
    const started = Date.now();
    expect(errorOf(text)).toMatchObject({ code: 'FILE_TOO_LARGE', line: 1, column: 1 });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('counts the limit in UTF-8 bytes, not characters', () => {
    const text = `a: "${'é'.repeat(MAX_FILE_BYTES / 2 + 10)}"\n`;
    expect(text.length).toBeLessThan(MAX_FILE_BYTES);
    expect(errorOf(text).code).toBe('FILE_TOO_LARGE');
  });

  it('refuses a file of more tokens than any customer file before parsing it, at the token past the limit', () => {
    // The parser's time grows with tokens: 1 MiB of one-digit values, blank lines or commas took
    // seconds to parse; the lexer stops at the limit instead (timing: npm run bench, 'validate-aliases').
    const values = `a: &n [${Array(MAX_TOKENS).fill('1').join(',')}]\nb: *n\n`;
    // `a`, `:`, ` `, `&n`, ` `, `[`: 6 tokens in 7 characters; then `1` and `,` alternate, one each.
    expect(errorOf(values)).toMatchObject({
      code: 'YAML_TOO_COMPLEX',
      line: 1,
      column: 1 + 7 + (MAX_TOKENS - 6),
    });
    expect(errorOf(`a: 1\n${'\n'.repeat(MAX_TOKENS)}`)).toMatchObject({
      code: 'YAML_TOO_COMPLEX',
      column: 1,
    });
    expect(errorOf(`a: [1${','.repeat(MAX_FILE_BYTES - 100)}]\n`).code).toBe('YAML_TOO_COMPLEX');
    // A long value is one token, however many bytes.
    expect(readYaml('f.yaml', `a: "${'x,'.repeat(MAX_FILE_BYTES / 4)}"\n`).ok).toBe(true);
    // Just under: parsed as usual.
    const under = `a: [${Array(MAX_TOKENS / 2 - 4)
      .fill('1')
      .join(',')}]\n`;
    expect(readYaml('f.yaml', under).ok).toBe(true);
  });

  it('refuses deep nesting deterministically, before the parser recurses', () => {
    const deep = `a: ${'['.repeat(100000)}${']'.repeat(100000)}\n`;
    expect(errorOf(deep)).toMatchObject({ code: 'YAML_TOO_DEEP', line: 1, column: 4 + 64 });
    // Brackets inside quotes and comments do not count.
    const quoted = `a: "${'['.repeat(200)}" # ${'{'.repeat(200)}\nb: '${'['.repeat(200)}'\n`;
    expect(readYaml('f.yaml', quoted).ok).toBe(true);
  });

  it('reports an unclosed bracket after the last character, not past the end of the file', () => {
    expect(errorOf('a: [1, 2\n')).toMatchObject({ code: 'YAML_SYNTAX', line: 1, column: 9 });
  });

  it('refuses collections used as keys', () => {
    expect(errorOf('? [a, b]\n: 1\n').code).toBe('YAML_SYNTAX');
  });
});

describe('formatPath', () => {
  it('prints keys with dots, indexes in brackets, odd keys quoted', () => {
    expect(formatPath(['connectivity', 'peer', 'cidrs', 0])).toBe('connectivity.peer.cidrs[0]');
    expect(formatPath(['tags', 'a.b', 'c d'])).toBe('tags["a.b"]["c d"]');
    expect(formatPath([])).toBe('');
  });
});
