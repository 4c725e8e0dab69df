import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { differingProfileXmlSpelling, isDocumentedValue, normaliseValue, spell } from '../../server/src/service/core/spelling';

describe('the spelling map between PowerShell and ProfileXML', () => {
  it('spells a value written either way in the documented spelling asked for', () => {
    assert.equal(spell('EncryptionMethod', 'gcmaes256', 'profilexml'), 'AES_GCM_256');
    assert.equal(spell('EncryptionMethod', 'aes_gcm_256', 'powershell'), 'GCMAES256');
    assert.equal(spell('IntegrityCheckMethod', 'SHA196', 'powershell'), 'SHA1');
    assert.equal(spell('IntegrityCheckMethod', 'sha1', 'profilexml'), 'SHA196');
    // The same token in both languages, in its documented casing.
    assert.equal(spell('DHGroup', ' group14 ', 'profilexml'), 'Group14');
    assert.equal(spell('DHGroup', 'group14', 'powershell'), 'Group14');
  });
  it('leaves a value neither language documents as written', () => {
    assert.equal(spell('DHGroup', ' Group99 ', 'profilexml'), 'Group99');
    assert.ok(!isDocumentedValue('DHGroup', 'Group99'));
    assert.ok(isDocumentedValue('EncryptionMethod', 'AES_GCM_128'));
  });
  it('compares both spellings of one value as equal', () => {
    assert.equal(normaliseValue('EncryptionMethod', 'AES_GCM_128'), normaliseValue('EncryptionMethod', 'GCMAES128'));
    assert.equal(normaliseValue('IntegrityCheckMethod', 'SHA196'), 'sha1');
    assert.notEqual(normaliseValue('EncryptionMethod', 'AES128'), normaliseValue('EncryptionMethod', 'AES256'));
  });
  it('names the ProfileXML spelling of a PowerShell spelling only where the two differ', () => {
    assert.equal(differingProfileXmlSpelling('EncryptionMethod', 'GcmAes128'), 'AES_GCM_128');
    assert.equal(differingProfileXmlSpelling('EncryptionMethod', 'AES128'), undefined);
    assert.equal(differingProfileXmlSpelling('EncryptionMethod', 'AES_GCM_128'), undefined);
  });
});
