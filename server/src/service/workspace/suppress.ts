/**
 * The suppression comments of the single-file checks, read the same way for findings across
 * files: `<!-- profilexml-disable-next-line id -->` in ProfileXML (also inside a profile embedded
 * in a script), `# aovpn-disable-next-line id` in scripts. One reader serves both (suppression.ts).
 */
export { psSuppressionsOf, xmlSuppressionsOf, type SuppressionTest } from '../suppression';
