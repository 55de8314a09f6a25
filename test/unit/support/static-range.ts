// happy-dom has no StaticRange; real browsers do, and the browser tests use theirs.
globalThis.StaticRange ??= class {
  readonly startContainer: Node;
  readonly startOffset: number;
  readonly endContainer: Node;
  readonly endOffset: number;
  readonly collapsed = false;
  constructor(init: StaticRangeInit) {
    this.startContainer = init.startContainer;
    this.startOffset = init.startOffset;
    this.endContainer = init.endContainer;
    this.endOffset = init.endOffset;
  }
} as unknown as typeof StaticRange;
