import { decodeText } from '../server/src/host/textFile';

/**
 * The text the language service sees for a file's bytes. Decodable files decode exactly as the
 * CLI decodes them (BOM sniffing, UTF-16 with or without BOM); bytes the CLI refuses (invalid
 * UTF-8, odd-length UTF-16) are still opened by an editor, which replaces the bad sequences
 * with U+FFFD: the service must survive those texts too.
 */
export function decodeForService(bytes: Buffer): { text: string; decodable: boolean } {
  try {
    return { text: decodeText(bytes).text, decodable: true };
  } catch {
    if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
      const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
      if (bytes[0] === 0xfe) body.swap16();
      return { text: body.toString('utf16le') + '\uFFFD', decodable: false };
    }
    return { text: bytes.toString('utf8').replace(/^\uFEFF/, ''), decodable: false };
  }
}
