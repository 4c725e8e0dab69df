import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startsProfileRoot } from '../../server/src/service/profilexml/sniff';

/** The content test behind the extension's plain-text detection (client/src/plainTextProfiles.ts). */
describe('startsProfileRoot', () => {
  it('is true once a VPNProfile start tag (or a near miss) is complete', () => {
    for (const text of [
      '<VPNProfile>',
      '<VPNProfile>\n  <AlwaysOn>',
      '  \n<VPNProfile >',
      '<VPNProfile/>',
      '\uFEFF<?xml version="1.0"?>\n<!-- user tunnel -->\n<VPNProfile>',
      '<VpnProfile>',
      '<VPNProfiles>\n',
    ]) {
      assert.equal(startsProfileRoot(text), true, JSON.stringify(text));
    }
  });

  it('is false while the name is being typed, for other roots, for text that is not XML, and for a root after text', () => {
    for (const text of [
      '',
      '<',
      '<VPN',
      '<VPNProfil',
      '<VPNProfile',
      '<AzVpnProfile>',
      '<project>',
      'VPNProfile',
      'Notes about <VPNProfile>',
      '<!-- <VPNProfile> -->',
      '<!-- unclosed <VPNProfile>',
    ]) {
      assert.equal(startsProfileRoot(text), false, JSON.stringify(text));
    }
  });
});
