import { scanProlog } from '../xml/prolog';
import { isProfileRootName } from './rootName';

/**
 * Does the text start a profile: after what a prolog may hold (declaration, comments, DOCTYPE),
 * a complete start tag name that is `VPNProfile` or a near miss of it (rootName.ts), followed by
 * a blank, `>` or `/`? The name must be complete: while `<VPNProfil` is being typed it would be
 * a near miss already. Reads only the prolog, so it can run on every keystroke of a plain-text
 * document (the extension's plain-text detection).
 */
export function startsProfileRoot(text: string): boolean {
  const prolog = scanProlog(text);
  if (prolog.rootName === undefined || prolog.rootStart === undefined || !isProfileRootName(prolog.rootName)) return false;
  const after = text[prolog.rootStart + 1 + prolog.rootName.length];
  return after !== undefined && /[\s>/]/.test(after);
}
