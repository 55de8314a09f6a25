/**
 * Reads a byte stream as UTF-8 lines, one at a time, so a file of any size
 * is held only a read buffer at a time. The decoder is fatal: a byte
 * sequence that is not UTF-8 throws NotUtf8Error rather than becoming U+FFFD,
 * which would change names silently. A byte order mark is skipped.
 */

export class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`The file is not UTF-8 text (line ${line})`);
  }
}

export interface Line {
  /** The line without its terminator (LF or CRLF). */
  text: string;
  /** 1-based. */
  number: number;
  /** Bytes of the file read so far, for progress; a whole read buffer ahead of the line. */
  bytesRead: number;
}

export async function* readLines(stream: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = stream.getReader();
  let pending = '';
  let number = 0;
  let bytesRead = 0;
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch {
      // The line of the first bad byte: the lines before it in this read are not counted yet.
      const before = pending + (bytes === undefined ? '' : new TextDecoder().decode(bytes).split('\ufffd')[0]!);
      throw new NotUtf8Error(number + 1 + before.split('\n').length - 1);
    }
  };
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      bytesRead += value.byteLength;
      pending += decode(value);
      let start = 0;
      for (let nl = pending.indexOf('\n'); nl !== -1; nl = pending.indexOf('\n', start)) {
        const end = nl > start && pending.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        yield { text: pending.slice(start, end), number: ++number, bytesRead };
        start = nl + 1;
      }
      pending = pending.slice(start);
    }
    pending += decode();
    if (pending !== '') yield { text: pending.endsWith('\r') ? pending.slice(0, -1) : pending, number: ++number, bytesRead };
  } finally {
    // Stops the file read when the caller stops early (cancel, a failure).
    await reader.cancel().catch(() => {});
  }
}
