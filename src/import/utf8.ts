import { ConvertError } from './types';

/**
 * Decodes a file piece by piece, refusing bytes that are not UTF-8 rather
 * than turning them into U+FFFD. A byte order mark is dropped.
 */
export function createUtf8Decoder(): (bytes: Uint8Array, last?: boolean) => string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  return (bytes, last = false) => {
    try {
      const text = decoder.decode(bytes, { stream: !last });
      offset += bytes.byteLength;
      return text;
    } catch {
      throw new ConvertError('problemNotUtf8Bytes', offset, offset + bytes.byteLength);
    }
  };
}
