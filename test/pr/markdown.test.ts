import { mdCode, mdCodeBlock, mdText } from '../../src/pr/markdown';

describe('markdown escaping', () => {
  it('mdText neutralises links, images, HTML, mentions and emphasis', () => {
    const hostile = '**LGTM** [x](https://e.example) ![i](https://e.example/i.png) <img src=x> @octocat #1';
    const out = mdText(hostile);
    expect(out).not.toMatch(/(^|[^\\])[*[\]()<>@#!]/);
    // A backslash alone does not stop GitHub's mention and reference filters: a zero-width space does.
    expect(out).toContain('\\@\u200boctocat');
    expect(out).toContain('\\#\u200b1');
  });

  it('mdText breaks autolinks and line-start markup, and trims what would indent or break a line', () => {
    expect(mdText('www.evil.example')).toBe('www\\.evil.example');
    expect(mdText('https://e.example')).toBe('https\\:\u200b//e.example');
    expect(mdText('- item')).toBe('\\- item');
    expect(mdText('12. item')).toBe('12\\. item');
    expect(mdText('acme-corp')).toBe('acme-corp');
    expect(mdText('\t    code  ')).toBe('code');
  });

  it('mdText keeps one line and makes control characters visible', () => {
    expect(mdText('a\nb\r\nc')).toBe('a b c');
    expect(mdText('x\u0007y\u202ez')).toBe('x\\\\u0007y\\\\u202ez');
  });

  it('mdCode cannot be closed from inside and is safe in a table cell', () => {
    expect(mdCode('plain')).toBe('`plain`');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdCode('a|b')).toBe('`a\\|b`');
  });

  it('mdCodeBlock uses a fence longer than any backtick run inside', () => {
    const block = mdCodeBlock('x\n`````\ny');
    expect(block.startsWith('``````\n')).toBe(true);
    expect(block.endsWith('\n``````')).toBe(true);
  });
});
