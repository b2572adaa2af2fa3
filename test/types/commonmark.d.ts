// The parts of commonmark.js (the CommonMark reference parser) the rendering property test uses.
declare module 'commonmark' {
  export interface Node {
    readonly type: string;
    readonly literal: string | null;
    readonly level: number;
    walker(): NodeWalker;
  }
  export interface NodeWalker {
    next(): { entering: boolean; node: Node } | null;
  }
  export class Parser {
    parse(input: string): Node;
  }
}
