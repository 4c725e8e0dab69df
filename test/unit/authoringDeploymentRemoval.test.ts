/**
 * The deployment script survives early Windows 11's "general error" from the MDM bridge when it
 * removes an existing profile (Microsoft Docs issues #5963, #6245, #6823): the enumeration and the
 * deletion are wrapped, a failure is reported as a warning, and the profile is still created.
 * (npm run test:pwsh runs the script in PowerShell against stand-ins that fail that way.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deploymentScript } from '../../server/src/service/authoring/deploymentScript';
import { parseProfileDocument } from '../../server/src/service/profilexml/document';
import { CLEAN_PROFILE } from '../helpers/service';

const DEVICE_PROFILE = CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>true</AlwaysOn>\n  <DeviceTunnel>true</DeviceTunnel>');

function lines(profileXml: string): string[] {
  const result = deploymentScript({ profileXml, facts: parseProfileDocument(profileXml).facts, profileName: 'Contoso VPN' });
  assert.ok(result.ok);
  return result.text.split('\n');
}

/** The index of the `}` that closes the block opened on line `open` (by indentation: the script is generated). */
function blockEnd(script: string[], open: number): number {
  const indent = /^ */.exec(script[open])![0];
  const end = script.findIndex((l, i) => i > open && l === `${indent}}`);
  assert.ok(end > open, `block of line ${open} closes`);
  return end;
}

describe('deployment script: a failed removal of the existing profile does not stop the creation', () => {
  for (const [kind, profile] of [
    ['user tunnel', CLEAN_PROFILE],
    ['device tunnel', DEVICE_PROFILE],
  ] as const) {
    it(kind, () => {
      const script = lines(profile);
      const enumerate = script.findIndex((l) => l.includes('$Session.EnumerateInstances('));
      const remove = script.findIndex((l) => l.includes('$Session.DeleteInstance('));
      const create = script.findIndex((l) => l.includes('$Session.CreateInstance('));
      assert.ok(enumerate > 0 && remove > enumerate && create > remove);
      // The nearest `try {` before the enumeration opens a block holding both calls, and nothing after.
      const open = script
        .slice(0, enumerate)
        .map((l) => l.trim())
        .lastIndexOf('try {');
      assert.ok(open > 0);
      const tryEnd = blockEnd(script, open);
      assert.ok(tryEnd > remove && tryEnd < create, 'enumeration and deletion inside the try, the creation after it');
      // Its catch reports and goes on: a warning naming the profile and the error, no throw, no exit.
      const catchLine = tryEnd + 1;
      assert.equal(script[catchLine].trim(), 'catch {');
      const catchEnd = blockEnd(script, catchLine);
      const handler = script.slice(catchLine + 1, catchEnd).join('\n');
      assert.match(handler, /^\s*Write-Warning "[^"]*\$ProfileName[^"]*\$\(\$_\.Exception\.Message\)[^"]*"$/);
      assert.doesNotMatch(handler, /\b(throw|exit|return|break)\b/);
      assert.ok(catchEnd < create, 'the creation follows the handler');
      // The creation itself is not wrapped: its failure still stops the script ($ErrorActionPreference = 'Stop').
      assert.ok(script.includes("$ErrorActionPreference = 'Stop'"));
      assert.equal(
        script.slice(catchEnd + 1, create).some((l) => l.trim() === 'try {'),
        false,
      );
    });
  }
});
