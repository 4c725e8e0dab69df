import type { Severity } from '../settings';
import type { RuleId } from './ruleIds';

/** A range of the checked text in offsets (start inclusive, end exclusive). */
export interface Span {
  start: number;
  end: number;
}

/** A text edit in offsets of the checked text. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: OffsetEdit[];
  /** The fix "fix all" and `--fix` apply (the first fix listed in the catalogue). */
  preferred?: boolean;
}

export interface RelatedSpan {
  span: Span;
  message: string;
}

/** What every engine reports: a rule id, an exact span, a message, optional related spans and fixes. */
export interface Finding {
  ruleId: RuleId;
  /** Diagnostic source; ProfileXML rules leave it unset (`profilexml`). */
  source?: 'profilexml' | 'aovpn-powershell';
  span: Span;
  message: string;
  /**
   * This finding's default severity when the catalogue rates it apart from the rule's usual one
   * (schemas/rules.json says when); the user's per-rule setting still overrides it.
   */
  severity?: Severity;
  fixes?: Fix[];
  related?: RelatedSpan[];
  /**
   * Other rules' findings inside this span are left out: this finding already explains them
   * (a placeholder value is one mistake, not also an invalid address list).
   */
  supersedes?: Span;
}
