import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INLINE_NOTE_CHARS, notesMessage } from '../../client/src/notesMessage';
import { service } from '../helpers/service';

/** The notification after an authoring command: one short line, the notes behind "Show Details". */
describe('notesMessage', () => {
  it('the notes of a new user-tunnel profile make one short line, the notes themselves the details', () => {
    const result = service.newProfile({ tunnel: 'user', deployment: 'intune', targetWindows: 'win11-22h2' });
    assert.ok(result.ok && result.notes.length >= 2, 'the wizard leaves example values and a thumbprint to fill in');
    const shown = notesMessage(`New profile (${result.title})`, result.notes);
    assert.ok(shown);
    assert.equal(shown.message, `New profile (${result.title}): ${result.notes.length} things to check.`);
    assert.ok(shown.message.length < 140, shown.message);
    for (const note of result.notes) assert.ok(shown.details?.includes(note), 'every note is in the details');
  });

  it('a single short note is shown as it is; a long one waits behind the button', () => {
    assert.deepEqual(notesMessage('Deployment script for Contoso VPN', ['Run it as SYSTEM.']), {
      message: 'Deployment script for Contoso VPN. Run it as SYSTEM.',
    });
    const long = 'x'.repeat(INLINE_NOTE_CHARS + 1);
    assert.deepEqual(notesMessage('Deployment script for Contoso VPN', [long]), {
      message: 'Deployment script for Contoso VPN: one thing to check.',
      details: `• ${long}`,
    });
  });

  it('without notes: the headline alone, or nothing', () => {
    assert.deepEqual(notesMessage('The CryptographySuite is on the clipboard', []), {
      message: 'The CryptographySuite is on the clipboard.',
    });
    assert.equal(notesMessage(undefined, []), undefined);
    assert.deepEqual(notesMessage(undefined, ['a', 'b']), { message: '2 things to check.', details: '• a\n\n• b' });
  });
});
