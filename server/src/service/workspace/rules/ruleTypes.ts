import type { Finding } from '../../profilexml/rules/ruleTypes';
import type { Span } from '../../xml/xmlTree';
import type { FileFacts, XmlSuppression } from '../facts';
import type { SummaryWithSelf } from '../summary';

/** A place in another file (or elsewhere in this one) that explains a finding. */
export interface ElsewhereSpan {
  uri: string;
  span: Span;
  message: string;
}

/** A finding of a rule across files; its span is in the validated file. */
export interface WorkspaceFinding extends Finding {
  elsewhere?: ElsewhereSpan[];
  /** ProfileXML suppression comments that apply where the finding is (profiles). */
  xmlSuppressed?: XmlSuppression;
  /**
   * More places in the validated script whose `# aovpn-disable-next-line` comment silences the
   * finding besides its own line: where it was reported before its range narrowed to one value
   * (a comment above the command keeps working).
   */
  alsoSuppressedAt?: Span[];
}

export interface WorkspaceCheckContext {
  /** The file being validated (its current text). */
  self: FileFacts;
  /**
   * The workspace's files by what they hold, `self` included with its current facts (summary.ts):
   * rules look up what they relate to instead of walking every file.
   */
  workspace: SummaryWithSelf;
  report(finding: WorkspaceFinding): void;
}

/** A family of rules across files (the rules of language `workspace` in schemas/rules.json, and ps-crl-check-without-root). */
export interface WorkspaceRuleFamily {
  ids: readonly string[];
  check(ctx: WorkspaceCheckContext): void;
}

/** The file name of a URI, for messages (`server.ps1`). */
export function fileLabel(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const last = path.split('/').pop() || path;
  try {
    return decodeURIComponent(last);
  } catch (error) {
    // A name with a stray % is shown as written.
    if (error instanceof URIError) return last;
    throw error;
  }
}

/** Places named in a message at most; the related information lists them all. */
const PLACES_IN_MESSAGE = 3;

/**
 * "a; b; c" — or, for a long list, the first few and how many more, so that a finding in a
 * workspace of dozens of profiles stays readable (the related information keeps every place).
 */
export function listPlaces(places: readonly string[]): string {
  if (places.length <= PLACES_IN_MESSAGE + 1) return places.join('; ');
  return `${places.slice(0, PLACES_IN_MESSAGE).join('; ')}; and ${places.length - PLACES_IN_MESSAGE} more`;
}

/** "server.ps1, line 4" (or "line 4 of this file"). */
export function whereIs(ctx: WorkspaceCheckContext, file: FileFacts, span: Span): string {
  const line = file.positions().positionAt(span.start).line + 1;
  return file.uri === ctx.self.uri ? `line ${line} of this file` : `${fileLabel(file.uri)}, line ${line}`;
}
