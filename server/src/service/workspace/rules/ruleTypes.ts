import type { Finding } from '../../core/findings';
import type { RuleFamily } from '../../core/ruleFamily';
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

/** A family of rules across files (the rules of family `workspace` in schemas/rules.json). */
export type WorkspaceRuleFamily = RuleFamily<WorkspaceCheckContext>;
