import type { Settings } from '../settings';
import type { Finding } from '../profilexml/rules/ruleTypes';
import type { PowerShellDocument } from './document';

/** ProfileXML findings inside the script's embedded profiles, with spans and edits in script offsets. */
export function embeddedProfileFindings(_doc: PowerShellDocument, _settings: Settings): Finding[] {
  return [];
}
