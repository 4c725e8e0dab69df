/**
 * Text from the files checked (names, quoted values) reaches terminals and CI logs through the
 * report. Control characters in it must not act there: ESC and BEL drive a terminal (clear the
 * screen, set the title, colour or hide text), a lone carriage return or a Unicode line separator
 * starts a new line for CI runners (which then read it as a command of their own), and bidi
 * overrides reorder what a reader sees. They are shown as visible escapes (`\u001b`) instead;
 * tabs become `\u0009` too, so nothing can pad a forged line into place.
 */
const INVISIBLE_ACTORS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same without the tab: a file's own lines in a diff keep their indentation (each line there starts with the diff's own mark). */
const INVISIBLE_ACTORS_BUT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function visibleControls(text: string, options: { keepTabs?: boolean } = {}): string {
  return text.replace(
    options.keepTabs ? INVISIBLE_ACTORS_BUT_TAB : INVISIBLE_ACTORS,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
