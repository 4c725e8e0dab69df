// The README that goes into the VSIX (scripts/package.ts). VS Code shows an installed extension's
// README in a webview whose Content-Security-Policy allows images only from https: and data: URLs,
// and it resolves no relative path against the extension's folder, so `docs/images/x.png` shows as
// a broken image (checked in code-server 4.139 / VS Code 1.139). vsce rewrites relative links into
// https URLs only when package.json names a repository or --baseImagesUrl is given; this
// repository has no public URL, and administrators often install a VSIX on machines without
// internet access. So the VSIX's copy of the README carries its images inline, as data: URLs.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

/** A link that names a file beside the README (not a URL, an anchor or an absolute path). */
export function isRelativeLink(link: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(link) && !link.startsWith('#') && !link.startsWith('/');
}

/** `link` as the README writes it (for messages), `file` resolved. */
function dataUrl(link: string, file: string, readFile: (file: string) => Buffer): string {
  const mime = MIME[path.extname(file).toLowerCase()];
  // SVG is refused on purpose: the Marketplace rejects SVG images in a README, data: URLs included.
  if (!mime) throw new Error(`README image ${link}: only PNG, JPEG and GIF images can be inlined`);
  let bytes: Buffer;
  try {
    bytes = readFile(file);
  } catch (error) {
    throw new Error(`README image ${link} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return `data:${mime};base64,${bytes.toString('base64')}`;
}

/**
 * The README with every relative image (`![alt](path)`, `![alt](path "title")`, `<img src="path">`)
 * replaced by a data: URL of the file, resolved against `baseDir`. Everything else is kept as it is.
 * Throws when an image is missing or of a type that cannot be inlined.
 */
export function inlineReadmeImages(markdown: string, baseDir: string, readFile: (file: string) => Buffer = (file) => readFileSync(file)): { text: string; images: string[] } {
  const images: string[] = [];
  const inline = (link: string): string => {
    const file = path.resolve(baseDir, decodeURI(link));
    images.push(path.relative(baseDir, file));
    return dataUrl(link, file, readFile);
  };
  let text = markdown.replace(/(!\[[^\]]*\]\()\s*(<[^>]+>|[^)\s]+)(\s+"[^"]*")?\s*\)/g, (all, open: string, target: string, title: string | undefined) => {
    const link = target.startsWith('<') ? target.slice(1, -1) : target;
    return isRelativeLink(link) ? `${open}${inline(link)}${title ?? ''})` : all;
  });
  text = text.replace(/(<img\b[^>]*\bsrc=)(["'])([^"']+)\2/gi, (all, open: string, quote: string, link: string) => (isRelativeLink(link) ? `${open}${quote}${inline(link)}${quote}` : all));
  return { text, images };
}
