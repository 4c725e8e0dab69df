import type { RuleFamilyName, RuleId } from './ruleIds';

/**
 * A rule family: one module that checks a group of related rule ids, in the context its engine
 * gives it (a parsed profile, a parsed script, the facts of the workspace). Every engine's rule
 * list is made of these.
 */
export interface RuleFamily<Context> {
  /**
   * The family of schemas/rules.json its ids belong to (the group docs/rules.md files them
   * under); a test checks that every id's `family` there is this one.
   */
  family: RuleFamilyName;
  /** The rule ids this family may report. */
  ids: readonly RuleId[];
  check(ctx: Context): void;
}
