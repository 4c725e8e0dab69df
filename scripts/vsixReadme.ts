// README images and the VSIX (scripts/package.ts).
//
// VS Code shows an installed extension's README in a webview that renders images only from https
// URLs: its sanitizer keeps image sources of http and https only (relative paths and data: URLs
// are dropped), and its Content-Security-Policy then blocks http (`img-src https: data:`).
// Checked in code-server 4.139 (VS Code 1.139): `docs/images/x.png` shows as a broken image, and
// an inlined data: URL shows as one too. So the images must be published at an https URL: vsce
// rewrites relative image links into one when package.json names the repository, or with
// --baseImagesUrl. Without such a place the VSIX's README gets, instead of each image, a line that
// names the screenshot: no broken image on the extension page. The screenshots themselves ship in
// the VSIX and appear in the walkthrough, whose pages VS Code does load from the extension.

/** A link that names a file beside the README (not a URL, an anchor or an absolute path). */
export function isRelativeLink(link: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(link) && !link.startsWith('#') && !link.startsWith('/');
}

const MARKDOWN_IMAGE = /!\[([^\]]*)\]\(\s*(<[^>]+>|[^)\s]+)(?:\s+"[^"]*")?\s*\)/g;
const HTML_IMAGE = /<img\b[^>]*>/gi;

/** The relative images of a README, as written (`docs/images/x.png`). */
export function relativeImages(markdown: string): string[] {
  const links = [...markdown.matchAll(MARKDOWN_IMAGE)].map((m) => (m[2].startsWith('<') ? m[2].slice(1, -1) : m[2]));
  for (const tag of markdown.match(HTML_IMAGE) ?? []) {
    const src = /\bsrc=(["'])([^"']+)\1/i.exec(tag)?.[2];
    if (src) links.push(src);
  }
  return links.filter(isRelativeLink);
}

/**
 * The README with each relative image replaced by a line naming it: `*Screenshot: <alt text>*`
 * (HTML images by their alt attribute). Images at URLs are kept.
 */
export function captionRelativeImages(markdown: string): string {
  const caption = (alt: string): string => `*Screenshot: ${alt.trim() || 'see the repository'}*`;
  return markdown
    .replace(MARKDOWN_IMAGE, (all, alt: string, target: string) =>
      isRelativeLink(target.startsWith('<') ? target.slice(1, -1) : target) ? caption(alt) : all,
    )
    .replace(HTML_IMAGE, (tag) => {
      const src = /\bsrc=(["'])([^"']+)\1/i.exec(tag)?.[2];
      return src && isRelativeLink(src) ? caption(/\balt=(["'])([^"']*)\1/i.exec(tag)?.[2] ?? '') : tag;
    });
}
