import { LineCounter, parseDocument } from 'yaml';
import { TextPositions } from '../../src/config/position';

describe('TextPositions', () => {
  const text = 'a: 1\nbb: 2\r\n\nccc: 3\n';

  it('counts lines and columns from 1, the same with or without the parser having counted', () => {
    const counter = new LineCounter();
    parseDocument(text, { lineCounter: counter });
    const parsed = new TextPositions(text, counter);
    const own = new TextPositions(text);
    for (let offset = 0; offset <= text.length; offset++) expect(own.at(offset)).toEqual(parsed.at(offset));
    expect(own.at(0)).toEqual({ line: 1, column: 1 });
    expect(own.at(text.indexOf('bb'))).toEqual({ line: 2, column: 1 });
    expect(own.at(text.indexOf('3'))).toEqual({ line: 4, column: 6 });
  });

  it('clamps offsets to the text', () => {
    const p = new TextPositions(text);
    expect(p.at(-5)).toEqual({ line: 1, column: 1 });
    expect(p.at(10_000)).toEqual(p.at(text.length));
  });

  it('does not count a byte order mark as a column', () => {
    const p = new TextPositions('\uFEFFid: x\n');
    expect(p.at(1)).toEqual({ line: 1, column: 1 });
    expect(p.at(5)).toEqual({ line: 1, column: 5 });
  });

  it('atOrBeforeEnd shows the end of a text ending in a line break on its last line', () => {
    expect(new TextPositions('a: [1\n').atOrBeforeEnd(6)).toEqual({ line: 1, column: 6 });
    expect(new TextPositions('a: [1\r\n').atOrBeforeEnd(7)).toEqual({ line: 1, column: 6 });
    expect(new TextPositions('a: [1').atOrBeforeEnd(5)).toEqual({ line: 1, column: 6 });
  });
});
