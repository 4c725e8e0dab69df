import type { Span } from '../xml/xmlTree';
import type { PsAssignment, PsHashEntry, PsValue } from './model';

/**
 * What a variable holds at a point of the script, as far as literal hashtables go: the last
 * plain assignment (`$p = @{ … }`) before the point, then every `$p += @{ … }`,
 * `$p.Add('K', v)`, `$p['K'] = v`, `$p.K = v`, `$p.Remove('K')` between it and the point.
 * Control flow is not followed: the last assignment in the text wins (as the brief asks),
 * so with `if { $p = @{A} } else { $p = @{B} }` the else branch is seen.
 */

export type PsMutation =
  | { kind: 'set'; key: string; keySpan: Span; value: PsValue; span: Span }
  | { kind: 'remove'; key: string; span: Span }
  | { kind: 'clear'; span: Span }
  /** Something changed the variable in a way that is not read (a computed key, another operator …). */
  | { kind: 'unknown'; span: Span };

type Event = { type: 'assignment'; assignment: PsAssignment } | { type: 'mutation'; mutation: PsMutation };

export interface ResolvedHashtable {
  entries: PsHashEntry[];
  /** The cast of the assigned literal (e.g. "pscustomobject", "ordered"). */
  cast?: string;
}

export class HashtableResolver {
  private readonly events = new Map<string, Event[]>();

  constructor(assignments: readonly PsAssignment[], mutations: readonly { variable: string; mutation: PsMutation }[]) {
    for (const assignment of assignments) this.add(assignment.variable, { type: 'assignment', assignment });
    for (const { variable, mutation } of mutations) this.add(variable, { type: 'mutation', mutation });
    for (const list of this.events.values()) list.sort((a, b) => spanOf(a).start - spanOf(b).start);
  }

  private add(variable: string, event: Event): void {
    const key = variable.toLowerCase();
    const list = this.events.get(key);
    if (list) list.push(event);
    else this.events.set(key, [event]);
  }

  /** The literal hashtable the variable holds just before `position`, or undefined when it is not known statically. */
  resolve(variable: string, position: number): ResolvedHashtable | undefined {
    const list = this.events.get(variable.toLowerCase());
    if (!list) return undefined;
    let last = -1;
    for (let i = 0; i < list.length; i++) {
      const event = list[i];
      if (spanOf(event).end > position) break;
      if (event.type === 'assignment' && event.assignment.operator === '=') last = i;
    }
    if (last < 0) return undefined;
    const base = (list[last] as Extract<Event, { type: 'assignment' }>).assignment.value;
    if (base.kind !== 'hashtable' || !base.entries) return undefined;
    const entries = [...base.entries];
    for (let i = last + 1; i < list.length; i++) {
      const event = list[i];
      if (spanOf(event).end > position) break;
      if (event.type === 'assignment') {
        const v = event.assignment.value;
        if (event.assignment.operator !== '+=' || v.kind !== 'hashtable' || !v.entries) return undefined;
        for (const entry of v.entries) set(entries, entry);
        continue;
      }
      const m = event.mutation;
      if (m.kind === 'set') set(entries, { key: m.key, keySpan: m.keySpan, value: m.value });
      else if (m.kind === 'remove') {
        const at = indexOf(entries, m.key);
        if (at >= 0) entries.splice(at, 1);
      } else if (m.kind === 'clear') entries.length = 0;
      else return undefined;
    }
    return { entries, cast: base.cast };
  }
}

function spanOf(event: Event): Span {
  return event.type === 'assignment' ? event.assignment.span : event.mutation.span;
}

/** Hashtable keys are case-insensitive. */
function indexOf(entries: PsHashEntry[], key: string): number {
  const lower = key.toLowerCase();
  return entries.findIndex((e) => e.key.toLowerCase() === lower);
}

function set(entries: PsHashEntry[], entry: PsHashEntry): void {
  const at = indexOf(entries, entry.key);
  if (at >= 0) entries[at] = entry;
  else entries.push(entry);
}
