// The language status item's content (client/src/statusModel.ts) and which documents get it
// (client/src/documentScope.ts). The item itself is driven in VS Code by the UI test
// test/e2e/ui/language-status.ui.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { documentScope } from '../../client/src/documentScope';
import { describeStatus, knownTarget, releaseLabel, shortReleaseLabel, type StatusInput } from '../../client/src/statusModel';

const ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { examples?: string[]; default?: unknown }> } };
};
const RELEASES = manifest.contributes.configuration.properties['aovpn.targetWindows'].examples ?? [];
const example = (name: string): string => readFileSync(path.join(ROOT, 'examples', name), 'utf8');

const base: StatusInput = { scope: 'profile', targetWindows: 'win11-21h2', deployment: 'any', releases: RELEASES, server: 'running' };

describe('language status: which documents', () => {
  it('shows on ProfileXML, by its root element, and on near misses of it', () => {
    assert.equal(documentScope('xml', example('user-tunnel.xml')), 'profile');
    assert.equal(documentScope('xml', '<?xml version="1.0"?>\n<!-- c -->\n<VPNProfile><AlwaysOn>true</AlwaysOn></VPNProfile>'), 'profile');
    assert.equal(documentScope('xml', '<VpnProfile/>'), 'profile');
  });
  it('does not show on other XML, or on a profile in a document of another language', () => {
    assert.equal(documentScope('xml', example('not-a-profile.xml')), undefined);
    assert.equal(documentScope('xml', '<AzVpnProfile/>'), undefined);
    assert.equal(documentScope('plaintext', '<VPNProfile/>'), undefined);
  });
  it('shows on scripts with VPN cmdlets, embedded profiles, the MDM bridge or the registry values the rules check', () => {
    assert.equal(documentScope('powershell', example('deploy-profile.ps1')), 'script');
    assert.equal(documentScope('powershell', 'Set-VpnServerConfiguration -CustomPolicy -EncryptionMethod AES256'), 'script');
    assert.equal(documentScope('powershell', 'add-vpnconnection -Name x -ServerAddress y'), 'script');
    assert.equal(documentScope('powershell', 'Install-RemoteAccess -VpnType Vpn'), 'script');
    assert.equal(documentScope('powershell', '$xml = @"\n<VPNProfile>\n"@'), 'script');
    assert.equal(documentScope('powershell', "New-CimInstance -ClassName 'MDM_VPNv2_01'"), 'script');
    assert.equal(
      documentScope(
        'powershell',
        'New-ItemProperty -Path HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2 -Name EnableServerFragmentation -Value 1',
      ),
      'script',
    );
  });
  it('does not show on ordinary PowerShell', () => {
    assert.equal(
      documentScope(
        'powershell',
        'Get-ChildItem C:\\ | Where-Object { $_.Length -gt 1MB }\nWrite-Host "VPN is not mentioned as a command"',
      ),
      undefined,
    );
    assert.equal(documentScope('powershell', ''), undefined);
  });
});

describe('language status: what it says', () => {
  it('names the deployment and the target for a profile', () => {
    const view = describeStatus(base);
    assert.deepEqual(view, {
      text: 'Any deployment · Windows 11 21H2 and later',
      detail: 'what this profile is checked for',
      severity: 'information',
      busy: false,
      action: 'change',
    });
  });
  it('speaks of the cmdlets and profiles of a script', () => {
    const view = describeStatus({ ...base, scope: 'script', deployment: 'intune', targetWindows: '10.0.19045' });
    assert.equal(view.text, 'Intune · Windows build 10.0.19045 and later');
    assert.equal(view.detail, "what this script's cmdlets and profiles are checked for");
    assert.equal(view.severity, 'information');
  });
  it('follows the settings', () => {
    assert.equal(
      describeStatus({ ...base, deployment: 'powershell', targetWindows: 'win10-22h2' }).text,
      'PowerShell (MDM bridge) · Windows 10 22H2 and later',
    );
    assert.equal(
      describeStatus({ ...base, targetWindows: 'WIN10-1709' }).text,
      'Any deployment · Windows 10 1709 and later',
      'release ids in any case, as the server reads them',
    );
  });
  it('warns when a setting names nothing the checks know, and says what the server does instead', () => {
    const target = describeStatus({ ...base, targetWindows: 'win12-24h2' });
    assert.equal(target.severity, 'warning');
    assert.equal(target.text, 'Any deployment · unknown Windows "win12-24h2"');
    assert.match(target.detail, /aovpn\.targetWindows names no release or build, so nothing is checked against the Windows version/);
    const deployment = describeStatus({ ...base, deployment: 'sccm' });
    assert.equal(deployment.severity, 'warning');
    assert.match(deployment.detail, /aovpn\.deployment is unknown, so the checks for any deployment run/);
    assert.equal(describeStatus({ ...base, targetWindows: 42 }).severity, 'warning');
    assert.equal(target.action, 'change');
  });
  it('is busy while the server starts, and an error with a restart link when it stopped', () => {
    assert.equal(describeStatus({ ...base, server: 'starting' }).busy, true);
    const stopped = describeStatus({ ...base, server: 'stopped' });
    assert.deepEqual(stopped, {
      text: 'Language server stopped',
      detail: 'nothing in this profile is checked',
      severity: 'error',
      busy: false,
      action: 'restart',
    });
  });
  it('accepts every release the setting lists and the default', () => {
    assert.ok(RELEASES.length > 10);
    for (const id of RELEASES) assert.equal(knownTarget(id, RELEASES), id);
    assert.equal(knownTarget(manifest.contributes.configuration.properties['aovpn.targetWindows'].default, RELEASES), 'win11-21h2');
    assert.equal(knownTarget('10.0', RELEASES), undefined);
  });
  it('labels releases as Microsoft does', () => {
    assert.equal(releaseLabel('win11-24h2'), 'Windows 11, version 24H2');
    assert.equal(shortReleaseLabel('win10-1607'), 'Windows 10 1607');
    assert.equal(releaseLabel('10.0.22631'), 'Windows build 10.0.22631');
  });
});
