import { renameElement } from '../edits';
import { ROOT_NAME, rootNameKind } from '../rootName';
import type { RuleFamily } from './ruleTypes';

/**
 * wrong-root-element: a root written as another case or a near miss of VPNProfile
 * (`VpnProfile`, `VPNProfiles`). XML names are case-sensitive and Microsoft's VPNv2 CSP defines
 * exactly one root, so Windows rejects such a profile as a whole; the file must be reported, not
 * skipped as "some other XML" (rootName.ts decides what counts as a near miss). The other rules
 * still read the profile under it, so one rename leaves a checked profile.
 */
export const rootElementRules: RuleFamily = {
  family: 'structure',
  ids: ['wrong-root-element'],
  check(ctx) {
    const root = ctx.root;
    if (rootNameKind(root.name) !== 'near-miss') return;
    const caseOnly = root.localName.toLowerCase() === ROOT_NAME.toLowerCase();
    ctx.report({
      ruleId: 'wrong-root-element',
      span: root.nameSpan,
      message:
        `The root element must be <${ROOT_NAME}>, in exactly this spelling and case, but it is <${root.name}>. ` +
        (caseOnly ? 'XML element names are case-sensitive, so ' : '') +
        'Windows does not recognise the profile and rejects all of it (Intune and the MDM bridge report a generic error). ' +
        `Rename the root element to ${ROOT_NAME}, in its start and end tag.`,
      fixes: [{ title: `Rename the root element to ${ROOT_NAME}`, edits: renameElement(root, ROOT_NAME), preferred: true }],
    });
  },
};
