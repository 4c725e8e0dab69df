import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_CA_PLACEHOLDER } from '../../server/src/service/profilexml/eapTemplates';

/** A VS Code snippet as the snippets/*.json files hold it. */
export interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const ROOT = join(__dirname, '..', '..');

export function snippetsOf(file: 'profilexml' | 'powershell'): Record<string, Snippet> {
  return JSON.parse(readFileSync(join(ROOT, 'snippets', `${file}.json`), 'utf8')) as Record<string, Snippet>;
}

export interface Expansion {
  /** The inserted text. */
  text: string;
  /** Each tabstop's default text (the first choice of a choice), by number. */
  defaults: Map<string, string>;
}

/**
 * The text VS Code inserts for a snippet body (VS Code snippet grammar: `\` escapes `$`, `}` and
 * `\`; `${1:default}` → default, `${1|a,b|}` → a, `$1`/`${1}` → what placeholder 1 holds,
 * `$0` → nothing). `fill` replaces a tabstop's text as a user would type it over the default.
 */
export function expandSnippetBody(body: string, fill: (n: string, defaultText: string) => string = (_, d) => d): Expansion {
  const defaults = new Map<string, string>();
  const MARK = '\u0000';
  const parse = (from: number, inside: boolean): [string, number] => {
    let out = '';
    let i = from;
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && ['$', '}', '\\'].includes(body[i + 1] ?? '')) {
        out += body[i + 1];
        i += 2;
      } else if (inside && c === '}') {
        return [out, i + 1];
      } else if (c === '$' && /\d/.test(body[i + 1] ?? '')) {
        const n = /^\d+/.exec(body.slice(i + 1))![0];
        out += `${MARK}${n}${MARK}`;
        i += 1 + n.length;
      } else if (c === '$' && body[i + 1] === '{' && /\d/.test(body[i + 2] ?? '')) {
        const n = /^\d+/.exec(body.slice(i + 2))![0];
        let j = i + 2 + n.length;
        if (body[j] === ':') {
          const [value, next] = parse(j + 1, true);
          if (!defaults.has(n)) defaults.set(n, value);
          j = next;
        } else if (body[j] === '|') {
          const end = body.indexOf('|}', j + 1);
          const first = body
            .slice(j + 1, end)
            .split(/(?<!\\),/)[0]
            .replace(/\\(.)/g, '$1');
          if (!defaults.has(n)) defaults.set(n, first);
          j = end + 2;
        } else {
          j += 1; // `}` of `${1}`
        }
        out += `${MARK}${n}${MARK}`;
        i = j;
      } else {
        out += c;
        i++;
      }
    }
    return [out, i];
  };
  const [raw] = parse(0, false);
  let text = raw;
  // Placeholder values may themselves refer to placeholders: resolve until stable.
  for (let pass = 0; pass < 5 && text.includes(MARK); pass++) {
    text = text.replace(new RegExp(`${MARK}(\\d+)${MARK}`, 'g'), (_, n: string) => (n === '0' ? '' : fill(n, defaults.get(n) ?? '')));
  }
  return { text, defaults };
}

/**
 * A default that works as written: a name under a documentation domain (example.com, .net, .org:
 * RFC 2606), addresses, numbers, or a single word or name (an algorithm, a protocol number).
 */
export function isDocumentationValue(value: string): boolean {
  return (
    /^\.?(?:[a-z0-9-]+\.)*example\.(?:com|net|org)(?::\d+)?$/i.test(value) ||
    /^[\d.,/:-]+$/.test(value) ||
    /^[A-Za-z0-9_]+(?: [A-Za-z0-9_]+)*$/.test(value)
  );
}

/** Random digits, as a real SHA-1 hash has them, written the way Windows exports them. */
const REAL_LOOKING_THUMBPRINT = '16 1b 1d fb 96 29 86 24 a4 0c 7d 1e 19 48 cd 75 04 5e 5a ba';

/** What an administrator types over the defaults: their own names and the real root CA thumbprint. */
export function realistic(_n: string, defaultText: string): string {
  if (defaultText === ROOT_CA_PLACEHOLDER) return REAL_LOOKING_THUMBPRINT;
  return defaultText.replace(/example\.(?:com|net|org)/g, 'fabrikam.com');
}
