/**
 * Which encoding a profile or script file is stored in, from its first bytes: UTF-8 with or
 * without a BOM, or UTF-16 (PowerShell 5's `Out-File` default and MakeProfile.ps1's output),
 * with a BOM or recognised as XML 1.0 appendix F does. No Node APIs: the CLI (textFile.ts) and
 * the web extension, which reads workspace files through VS Code, share it.
 */
export type TextEncodingName = 'utf8' | 'utf16le' | 'utf16be';

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte order mark before the text (0 when there is none). */
  bomLength: number;
}

export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf8', bomLength: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf16le', bomLength: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf16be', bomLength: 2 };
  // ASCII markup as UTF-16 has a zero byte in every other position from the first character on.
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0)
    return { encoding: 'utf16le', bomLength: 0 };
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0)
    return { encoding: 'utf16be', bomLength: 0 };
  return { encoding: 'utf8', bomLength: 0 };
}

const DECODER_LABEL: Record<TextEncodingName, string> = { utf8: 'utf-8', utf16le: 'utf-16le', utf16be: 'utf-16be' };

/**
 * The text of a file's bytes, or undefined when they are not text in the detected encoding
 * (invalid UTF-8, an odd number of UTF-16 bytes): such a file is not a profile or a script.
 */
export function decodeBytes(bytes: Uint8Array): string | undefined {
  const { encoding, bomLength } = detectEncoding(bytes);
  if (encoding !== 'utf8' && (bytes.length - bomLength) % 2 !== 0) return undefined;
  try {
    // ignoreBOM: the BOM is skipped here, so a second one would be content, as the CLI reads it.
    return new TextDecoder(DECODER_LABEL[encoding], { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bomLength));
  } catch (error) {
    // The fatal decoder's answer to bytes that are not text in that encoding.
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}
