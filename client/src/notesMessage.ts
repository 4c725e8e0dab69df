// What the notification after an authoring command says: one short line, the notes themselves
// behind a button when they do not fit (a generated profile can carry several long notes: the
// example values to replace, a thumbprint to fill in). No vscode import: unit-tested on its own.

export interface NotesMessage {
  /** The notification's text. */
  message: string;
  /** The notes, one paragraph each, for the details dialog; undefined when the message holds them. */
  details?: string;
}

/** Longest note shown in the notification itself. */
export const INLINE_NOTE_CHARS = 160;

/**
 * `headline` says what was done ("Deployment script for Contoso VPN"); `notes` what to check.
 * A single short note is shown as it is; several are counted, to be read with "Show Details".
 */
export function notesMessage(headline: string | undefined, notes: readonly string[]): NotesMessage | undefined {
  const lead = headline?.trim().replace(/[.:]$/, '');
  if (notes.length === 0) return lead ? { message: `${lead}.` } : undefined;
  if (notes.length === 1 && notes[0].length <= INLINE_NOTE_CHARS) return { message: lead ? `${lead}. ${notes[0]}` : notes[0] };
  const count = notes.length === 1 ? 'one thing to check' : `${notes.length} things to check`;
  return {
    message: lead ? `${lead}: ${count}.` : `${count[0].toUpperCase()}${count.slice(1)}.`,
    details: notes.map((n) => `• ${n}`).join('\n\n'),
  };
}
