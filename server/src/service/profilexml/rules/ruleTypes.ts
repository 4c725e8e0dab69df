import type { Settings, Severity } from '../../settings';
import type { Span, XmlElement } from '../../xml/xmlTree';
import type { ProfileDocument } from '../document';
import type { SchemaIndex } from '../schema';
import type { ElementDef } from '../schemaTypes';

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

export interface Finding {
  ruleId: string;
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

export interface CheckContext {
  doc: ProfileDocument;
  root: XmlElement;
  schema: SchemaIndex;
  settings: Settings;
  /** Schema definition of an element found at its documented place, if any. */
  defOf(element: XmlElement): ElementDef | undefined;
  report(finding: Finding): void;
}

/** One rule family: a module that checks a group of related rule ids. */
export interface RuleFamily {
  /** The rule ids this family may report (checked against schemas/rules.json by a test). */
  ids: readonly string[];
  check(ctx: CheckContext): void;
}
