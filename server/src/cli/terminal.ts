/**
 * What the stream the report goes to can show: colour (ANSI SGR), hyperlinks (OSC 8) and how
 * wide a line may be. Escape sequences are only ever written around our own text (severity words,
 * rule ids, file names already made visible by visibleText.ts): nothing from a file checked can
 * bring one.
 */

export interface StreamInfo {
  isTTY: boolean;
  /** Columns of the terminal, when it is one. */
  columns?: number;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Colour on a terminal, as most command-line tools do it: FORCE_COLOR forces it (even into a
 * pipe; FORCE_COLOR=0 or false turns it off), otherwise NO_COLOR (any non-empty value, see
 * no-color.org) turns it off, and it is on only for a terminal that is not TERM=dumb.
 */
export function colourEnabled(stream: StreamInfo, env: Environment): boolean {
  const forced = env.FORCE_COLOR;
  if (forced !== undefined) return !isOff(forced);
  if (env.NO_COLOR) return false;
  return stream.isTTY && env.TERM !== 'dumb';
}

/**
 * OSC 8 hyperlinks only where they are known to work: a terminal that is not a pipe or a log,
 * not inside tmux or screen (they may drop or mangle the sequence), in a terminal known to show
 * links (Windows Terminal, VS Code's terminal, iTerm2, WezTerm, kitty, Ghostty, Konsole, GNOME
 * Terminal and the other VTE terminals). FORCE_HYPERLINK=1 forces them, FORCE_HYPERLINK=0 turns
 * them off. A terminal that does not know OSC 8 may print the sequence as garbage: guessing
 * wrong costs more than a plain rule id.
 */
export function hyperlinksEnabled(stream: StreamInfo, env: Environment): boolean {
  const forced = env.FORCE_HYPERLINK;
  if (forced !== undefined && forced !== '') return !isOff(forced);
  if (!stream.isTTY || env.TERM === 'dumb' || env.CI) return false;
  if (env.TMUX || env.STY || /^(screen|tmux)/.test(env.TERM ?? '')) return false;
  if (env.WT_SESSION) return true;
  switch (env.TERM_PROGRAM) {
    case 'vscode':
      return versionAtLeast(env.TERM_PROGRAM_VERSION, [1, 72]);
    case 'iTerm.app':
      return versionAtLeast(env.TERM_PROGRAM_VERSION, [3, 1]);
    case 'WezTerm':
    case 'ghostty':
      return true;
  }
  if (env.TERM === 'xterm-kitty' || env.TERM === 'xterm-ghostty') return true;
  // Konsole 20.12 (KONSOLE_VERSION 201200) and VTE 0.50.1 (VTE_VERSION 5001) were the first to show them.
  if (Number(env.KONSOLE_VERSION) >= 201200) return true;
  if (Number(env.VTE_VERSION) >= 5001) return true;
  return false;
}

/** Line width for wrapped messages: the terminal's, else COLUMNS, else 100; capped at 140 so that lines stay readable. */
export function outputWidth(stream: StreamInfo, env: Environment): number {
  const fromEnv = Number(env.COLUMNS);
  const columns =
    stream.isTTY && stream.columns && stream.columns > 0 ? stream.columns : Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 100;
  return Math.min(columns, 140);
}

function isOff(value: string): boolean {
  return value === '0' || value.toLowerCase() === 'false';
}

function versionAtLeast(version: string | undefined, wanted: readonly [number, number]): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > wanted[0] || (major === wanted[0] && minor >= wanted[1]);
}

/** Styles for our own text; without colour each returns its text unchanged. */
export interface Painter {
  bold(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  /** The text as a link to `url` when links are on (and the URL is a plain https address), else the text. */
  link(url: string | undefined, text: string): string;
}

const ESC = '\u001b';

export function painter(options: { colour: boolean; links: boolean }): Painter {
  const sgr =
    (on: number, off: number) =>
    (text: string): string =>
      options.colour && text ? `${ESC}[${on}m${text}${ESC}[${off}m` : text;
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    underline: sgr(4, 24),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    blue: sgr(34, 39),
    green: sgr(32, 39),
    cyan: sgr(36, 39),
    // Only printable ASCII in the address: nothing in it can end the sequence early.
    link: (url, text) =>
      options.links && url && /^https:\/\/[\x21-\x7e]+$/.test(url) ? `${ESC}]8;;${url}${ESC}\\${text}${ESC}]8;;${ESC}\\` : text,
  };
}

export const PLAIN: Painter = painter({ colour: false, links: false });
