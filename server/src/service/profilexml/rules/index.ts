import { authenticationRules } from './authentication';
import { cryptoRules } from './crypto';
import { deviceTunnelRules } from './deviceTunnel';
import { doctypeRules } from './doctype';
import { intuneRules } from './intune';
import { rootElementRules } from './rootElement';
import { placeholderRules } from './placeholders';
import { nameResolutionRules } from './nrpt';
import { routingRules } from './routing';
import type { RuleFamily } from './ruleTypes';
import { structureRules } from './structure';
import { valueRules } from './values';

/** Every ProfileXML rule family, in the order their findings are usually read. */
export const RULE_FAMILIES: readonly RuleFamily[] = [
  doctypeRules,
  rootElementRules,
  structureRules,
  valueRules,
  placeholderRules,
  cryptoRules,
  authenticationRules,
  deviceTunnelRules,
  routingRules,
  nameResolutionRules,
  intuneRules,
];
