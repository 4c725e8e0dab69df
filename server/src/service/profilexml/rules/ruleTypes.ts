import type { Finding } from '../../core/findings';
import type { RuleFamily as CoreRuleFamily } from '../../core/ruleFamily';
import type { Settings } from '../../settings';
import type { XmlElement } from '../../xml/xmlTree';
import type { ProfileDocument } from '../document';
import type { SchemaIndex } from '../schema';
import type { ElementDef } from '../schemaTypes';

export interface CheckContext {
  doc: ProfileDocument;
  root: XmlElement;
  schema: SchemaIndex;
  settings: Settings;
  /** Schema definition of an element found at its documented place, if any. */
  defOf(element: XmlElement): ElementDef | undefined;
  report(finding: Finding): void;
}

/** A family of ProfileXML rules. */
export type RuleFamily = CoreRuleFamily<CheckContext>;
