import { fileLabel } from '../workspace/places';

/**
 * The name a person knows a document by: the file name (`server.ps1`), or the editor's name of an
 * unsaved document (`Untitled-1` for `untitled:Untitled-1`).
 */
export function documentLabel(uri: string): string {
  const label = fileLabel(uri);
  const scheme = /^[a-z][a-z0-9+.-]*:(?!\/)/i.exec(label);
  return scheme ? label.slice(scheme[0].length) || label : label;
}
