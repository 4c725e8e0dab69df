import type { TextDocument } from 'vscode-languageserver-textdocument';
import { looksLikeProfileXml } from '../profilexml/document';

export type DocumentKind = 'profilexml' | 'powershell' | 'none';

/** Scripts by language id or extension; ProfileXML by content (root element VPNProfile). */
export function documentKind(document: TextDocument): DocumentKind {
  return kindOf(document.uri, document.languageId, document.getText());
}

/** documentKind for a file that is not (yet) a TextDocument: the workspace index's files. */
export function kindOf(uri: string, languageId: string, text: string): DocumentKind {
  if (languageId === 'powershell' || /\.(ps1|psm1)$/i.test(uri.replace(/[?#].*$/, ''))) return 'powershell';
  return looksLikeProfileXml(text) ? 'profilexml' : 'none';
}
