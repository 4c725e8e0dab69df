import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import { organisationOf, suggestedConnectionName } from '../../server/src/service/authoring/connectionName';
import { deploymentScript, profileNameProblem } from '../../server/src/service/authoring/deploymentScript';
import { psSingleQuoted, psVerbatimHereString } from '../../server/src/service/authoring/powershellText';
import { nodeWasmSource } from '../../server/src/host/wasm';
import { parseProfileDocument } from '../../server/src/service/profilexml/document';
import { parsePowerShellDocument, type PowerShellDocument } from '../../server/src/service/powershell/document';
import { embeddedProfiles } from '../../server/src/service/powershell/embedded';
import { loadPowerShellParser, type PowerShellParser } from '../../server/src/service/powershell/grammar';
import { CLEAN_PROFILE, doc, powerShellReady, script, service } from '../helpers/service';

// "Create deployment script from this profile": a script for the MDM WMI bridge
// (Microsoft's MDM_VPNv2_01 class) that passes our own PowerShell rules, and that no profile name or
// profile content can break or inject into.

const DEVICE_PROFILE = CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>true</AlwaysOn>\n  <DeviceTunnel>true</DeviceTunnel>');
const LOCKDOWN_PROFILE = CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>', '<LockDown>true</LockDown>');

let parser: PowerShellParser;

async function generated(profile: string, options: { profileName?: string; uri?: string } = {}): Promise<string> {
  const result = await service.deploymentScript(doc(profile, options.uri ?? 'file:///ws/Contoso%20VPN.xml'), {
    profileName: options.profileName,
  });
  if (!result.ok) throw new Error(result.message);
  assert.equal(result.language, 'powershell');
  return result.text;
}

function parsed(text: string): PowerShellDocument {
  return parsePowerShellDocument(parser, text);
}

/** What PowerShell hands to the bridge: the here-string's content with the line markers removed (as the script's -replace does). */
function deployedXml(text: string): string {
  const ps = parsed(text);
  const embedded = embeddedProfiles(ps);
  assert.equal(embedded.length, 1, 'one embedded profile');
  let xml = embedded[0].virtual.text;
  const marker = /\$ProfileXml = \$ProfileXml -replace '\(\?m\)\^([A-Z_0-9]+)', ''/.exec(text)?.[1];
  if (marker) xml = xml.replace(new RegExp(`^${marker}`, 'gm'), '');
  return xml;
}

function commandNames(text: string): string[] {
  return parsed(text).script.commands.map((c) => c.name);
}

describe('authoring: deployment script through the MDM WMI bridge', () => {
  before(async () => {
    await powerShellReady;
    parser = await loadPowerShellParser(nodeWasmSource());
  });
  beforeEach(() => service.workspace.clear());

  it('deploys a user tunnel in the user context (SID through CimOperationOptions), removing a profile of the same name first', async () => {
    const text = await generated(CLEAN_PROFILE, { profileName: 'Contoso VPN' });
    for (const line of [
      "$ProfileName = 'Contoso VPN'",
      "$NamespaceName = 'root\\cimv2\\mdm\\dmmap'",
      "$ClassName = 'MDM_VPNv2_01'",
      "$ParentId = './Vendor/MSFT/VPNv2'",
      '$InstanceId = [System.Uri]::EscapeDataString($ProfileName)',
      '$EscapedXml = [System.Security.SecurityElement]::Escape($ProfileXml)',
      "$Options.SetCustomOption('PolicyPlatformContext_PrincipalContext_Type', 'PolicyPlatform_UserContext', $false)",
      '$Options.SetCustomOption(\'PolicyPlatformContext_PrincipalContext_Id\', "$UserSid", $false)',
      "    $Instance.CimInstanceProperties.Add([Microsoft.Management.Infrastructure.CimProperty]::Create('ParentID', $ParentId, 'String', 'Key'))",
      "    $Instance.CimInstanceProperties.Add([Microsoft.Management.Infrastructure.CimProperty]::Create('InstanceID', $InstanceId, 'String', 'Key'))",
      "    $Instance.CimInstanceProperties.Add([Microsoft.Management.Infrastructure.CimProperty]::Create('ProfileXML', $EscapedXml, 'String', 'Property'))",
    ]) {
      assert.ok(text.split('\n').includes(line), `missing line: ${line}`);
    }
    assert.doesNotMatch(text, /S-1-5-18/);
    assert.ok(
      text.indexOf('$Session.DeleteInstance(') < text.indexOf('$Session.CreateInstance('),
      'the existing profile is removed before the new one is created',
    );
    assert.equal(deployedXml(text), CLEAN_PROFILE.trimEnd());
  });

  it('passes every rule of ours (PowerShell rules and the embedded ProfileXML), for user, device and LockDown profiles', async () => {
    for (const profile of [CLEAN_PROFILE, DEVICE_PROFILE, LOCKDOWN_PROFILE]) {
      assert.deepEqual(
        service.validate(doc(profile)).map((d) => d.code),
        [],
        'the fixture itself is clean',
      );
      const text = await generated(profile, { profileName: 'Contoso VPN' });
      assert.deepEqual(
        service.validate(script(text, 'file:///ws/deploy.ps1')).map((d) => `${String(d.code)}: ${d.message}`),
        [],
      );
    }
  });

  it('creates device tunnels and LockDown profiles as SYSTEM, in the device context', async () => {
    for (const profile of [DEVICE_PROFILE, LOCKDOWN_PROFILE]) {
      const text = await generated(profile, { profileName: 'Contoso Device' });
      assert.match(text, /^if \(\$CurrentSid -ne 'S-1-5-18'\) \{$/m);
      assert.doesNotMatch(text, /PolicyPlatform_UserContext|\$UserSid/);
      assert.match(text, /^param\(\)$/m);
    }
  });

  it('takes the name from ProfileName, else from the file name', async () => {
    const named = await service.deploymentScript(
      doc(CLEAN_PROFILE.replace('<AlwaysOn>', '<ProfileName>Contoso AOVPN</ProfileName>\n  <AlwaysOn>'), 'file:///ws/x.xml'),
    );
    assert.ok(named.ok && named.profileName === 'Contoso AOVPN');
    const fromFile = await service.deploymentScript(doc(CLEAN_PROFILE, 'file:///ws/Contoso%20User%20Tunnel.xml'));
    assert.ok(fromFile.ok && fromFile.profileName === 'Contoso User Tunnel');
    assert.ok(fromFile.ok && fromFile.text.includes("$ProfileName = 'Contoso User Tunnel'"));
  });

  it('names an untitled profile after the organisation in its server, never "Untitled-2"', async () => {
    const contoso = CLEAN_PROFILE.replace('vpn.example.com;vpn.example.com', 'vpn.contoso.co.uk;vpn.contoso.co.uk');
    const user = contoso.replace('<MachineMethod>Certificate</MachineMethod>', '<UserMethod>MSChapv2</UserMethod>');
    const untitled = await service.deploymentScript(doc(user, 'untitled:Untitled-2'));
    assert.ok(untitled.ok && untitled.profileName === 'Contoso VPN', JSON.stringify(untitled.ok && untitled.profileName));
    assert.ok(untitled.ok && !untitled.text.includes('Untitled-2'), 'the editor name of a new document is nowhere in the script');
    const device = await service.deploymentScript(
      doc(contoso.replace('<AlwaysOn>', '<DeviceTunnel>true</DeviceTunnel>\n  <AlwaysOn>'), 'untitled:Untitled-3'),
    );
    assert.ok(device.ok && device.profileName === 'Contoso Device Tunnel', JSON.stringify(device.ok && device.profileName));
    // The sample server of the snippets and the wizard names no organisation.
    const sample = await service.deploymentScript(doc(CLEAN_PROFILE, 'untitled:Untitled-2'));
    assert.ok(sample.ok && sample.profileName === 'Always On VPN', JSON.stringify(sample.ok && sample.profileName));
    // An untitled document the editor will save under a chosen name keeps that name.
    const chosen = await service.deploymentScript(doc(CLEAN_PROFILE, 'untitled:/home/admin/Fabrikam%20VPN.xml'));
    assert.ok(chosen.ok && chosen.profileName === 'Fabrikam VPN', JSON.stringify(chosen.ok && chosen.profileName));
  });

  it('reads the organisation from server names the way administrators write them', () => {
    assert.equal(organisationOf('vpn.contoso.com;vpn.contoso.com'), 'Contoso');
    assert.equal(organisationOf('vpn.contoso.com,vpn2.contoso.com'), 'Contoso');
    assert.equal(organisationOf('https://vpn.fabrikam.com.au:443/'), 'Fabrikam');
    assert.equal(organisationOf('contoso.net'), 'Contoso');
    for (const none of [undefined, '', '203.0.113.10', 'vpn', 'vpn.example.com', 'vpn.corp.example.net'])
      assert.equal(organisationOf(none), undefined, String(none));
    assert.equal(suggestedConnectionName({ deviceTunnel: false }), 'Always On VPN');
    assert.equal(suggestedConnectionName({ deviceTunnel: true }), 'Always On VPN Device Tunnel');
    assert.equal(suggestedConnectionName({ profileName: '  ', fileName: 'client', deviceTunnel: false }), 'client');
    assert.equal(suggestedConnectionName({ profileName: 'a/b', servers: 'vpn.contoso.com', deviceTunnel: false }), 'Contoso VPN');
  });

  it('keeps names with quotes, $, backticks and & as plain text (single-quoted, quotes doubled, typographic ones too)', async () => {
    const hostile = 'Bob\'s $(Remove-Item C:\\ -Recurse) `whoami` & \u2019; Stop-Computer; \u2018 "x" @\'';
    const text = await generated(CLEAN_PROFILE, { profileName: hostile });
    const ps = parsed(text);
    assert.equal(ps.script.tree.rootNode.hasError, false);
    const assignment = ps.script.assignments.find((a) => a.variable === 'ProfileName');
    assert.equal(assignment?.value.kind, 'string');
    assert.equal(assignment?.value.value, hostile);
    // No command appears that the benign script does not have.
    assert.deepEqual(commandNames(text), commandNames(await generated(CLEAN_PROFILE, { profileName: 'Benign' })));
    assert.deepEqual(
      service.validate(script(text, 'file:///ws/deploy.ps1')).map((d) => d.code),
      [],
    );
  });

  it("embeds content with quotes, $, backticks, & and lines starting with '@ unchanged (a marker the script removes again)", async () => {
    const content = CLEAN_PROFILE.replace(
      '</VPNProfile>',
      "<!--\n'@\nRemove-Item C:\\ -Recurse\n\u2019@ $(whoami) `n \"quoted\" &amp; 'single'\n'@-->\n</VPNProfile>",
    );
    const text = await generated(content, { profileName: 'Contoso VPN' });
    const ps = parsed(text);
    assert.equal(ps.script.tree.rootNode.hasError, false);
    assert.match(text, /^\$ProfileXml = \$ProfileXml -replace '\(\?m\)\^AOVPN_LINE_START_', ''$/m);
    assert.equal(deployedXml(text), content.trimEnd());
    assert.deepEqual(
      commandNames(text),
      commandNames(await generated(CLEAN_PROFILE, { profileName: 'Contoso VPN' })),
      'the content runs nothing',
    );
    // The marker never sits where PowerShell would end the here-string: no line starts with a quote and @ inside it.
    const start = text.indexOf("@'\n");
    const end = text.indexOf("\n'@", start);
    assert.doesNotMatch(text.slice(start + 3, end), /^['\u2018-\u201B]@/m);
  });

  it('picks a marker the content does not contain', () => {
    const here = psVerbatimHereString("AOVPN_LINE_START_\n'@", '\n');
    assert.equal(here.marker, 'AOVPN_LINE_START_2_');
    assert.equal(here.literal, "@'\nAOVPN_LINE_START_\nAOVPN_LINE_START_2_'@\n'@");
    assert.equal(psVerbatimHereString('<a/>', '\r\n').marker, undefined);
    assert.equal(psSingleQuoted("it's \u2018x\u2019"), "'it''s \u2018\u2018x\u2019\u2019'");
  });

  it('keeps the line endings of the profile', async () => {
    const crlf = CLEAN_PROFILE.replace(/\n/g, '\r\n');
    const text = await generated(crlf, { profileName: 'Contoso VPN' });
    assert.doesNotMatch(text, /[^\r]\n/);
    assert.equal(deployedXml(text), crlf.trimEnd());
  });

  it('deploys the profile embedded in a script, at the cursor', async () => {
    const source = `$Xml = @'\n${CLEAN_PROFILE}'@\n`;
    const document = script(source, 'file:///ws/profile.ps1');
    const result = await service.deploymentScript(document, {
      position: document.positionAt(source.indexOf('<Servers>')),
      profileName: 'Embedded',
    });
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(deployedXml(result.text), CLEAN_PROFILE.trimEnd());
  });

  it('refuses names the CSP cannot take, broken XML, and profiles the script fills in at run time', async () => {
    assert.match(profileNameProblem('a/b') ?? '', /"\/"/);
    assert.match(profileNameProblem('  ') ?? '', /empty/);
    assert.match(profileNameProblem('a\nb') ?? '', /line break/);
    assert.equal(profileNameProblem('Contoso VPN (Corp) & Co'), undefined);
    const slash = await service.deploymentScript(doc(CLEAN_PROFILE), { profileName: 'a/b' });
    assert.equal(slash.ok, false);
    const broken = await service.deploymentScript(doc('<VPNProfile><NativeProfile></VPNProfile>'), { profileName: 'x' });
    assert.match(broken.ok ? '' : broken.message, /not well-formed/);
    const runtime = await service.deploymentScript(
      script(`$s = 'vpn'\n$Xml = @"\n${CLEAN_PROFILE.replace('vpn.example.com;vpn.example.com', '$s')}"@\n`),
      { profileName: 'x' },
    );
    assert.match(runtime.ok ? '' : runtime.message, /run time/);
  });

  it('is a pure generator: the same input gives the same script', () => {
    const input = { profileXml: CLEAN_PROFILE, facts: parseProfileDocument(CLEAN_PROFILE).facts, profileName: 'X' };
    assert.deepEqual(deploymentScript(input), deploymentScript(input));
  });
});
