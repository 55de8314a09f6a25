import { t } from '../../utils/i18n';

/**
 * Reads a byte stream as UTF-8 text, one read buffer at a time, so a file of
 * any size is never held whole. The decoder is fatal: a byte sequence that
 * is not UTF-8 throws NotUtf8Error (with its line) rather than becoming
 * U+FFFD, which would change names silently. A byte order mark is skipped.
 */

export class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super(t('importNotUtf8Line', String(line)));
  }
}

export interface TextPiece {
  text: string;
  /** Bytes of the file read so far, for progress. */
  bytesRead: number;
}

const countLines = (text: string) => {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

export async function* readText(stream: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<TextPiece> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = stream.getReader();
  // Newlines decoded so far, only to say on which line a bad byte is.
  let newlines = 0;
  let bytesRead = 0;
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch {
      const before = bytes === undefined ? '' : new TextDecoder().decode(bytes).split('\ufffd')[0]!;
      throw new NotUtf8Error(newlines + countLines(before) + 1);
    }
  };
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      bytesRead += value.byteLength;
      const text = decode(value);
      newlines += countLines(text);
      yield { text, bytesRead };
    }
    const rest = decode();
    if (rest !== '') yield { text: rest, bytesRead };
  } finally {
    // Stops the file read when the caller stops early (cancel, a failure).
    await reader.cancel().catch(() => {});
  }
}
