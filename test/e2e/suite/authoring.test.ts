// The authoring commands in a real VS Code: "New Always On VPN Profile" (answers given as the
// command's argument instead of through the quick picks) opens an untitled ProfileXML that the
// language server finds clean; "Create Deployment Script from This Profile" turns it into a clean
// PowerShell script; the profile's CryptographySuite carries a code lens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, describeDiagnostics, waitForDiagnostics } from './helpers';

// Random digits, as a real SHA-1 hash has them (a counting pattern such as 1a2b3c… is placeholder-value's).
const THUMBPRINT = '5014ef5ed72014e90b82285ea7888b4a091409ec';

suite('Authoring commands', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('a new user tunnel profile and its deployment script come out without any diagnostic', async () => {
    const answers = {
      tunnel: 'user',
      protocol: 'IKEv2',
      authentication: 'peap-tls',
      routing: 'split',
      deployment: 'any',
      targetWindows: 'win11-21h2',
      server: 'vpn.contoso.com',
      dnsSuffix: 'corp.contoso.com',
      routes: ['10.0.0.0/8'],
      trustedRootCA: THUMBPRINT,
      npsServerNames: 'nps.corp.contoso.com',
    };
    const profile = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('aovpn.newProfile', answers);
    assert.ok(profile, 'the command opened a document');
    assert.equal(profile.languageId, 'xml');
    assert.equal(profile.uri.scheme, 'untitled');
    assert.match(profile.getText(), /^<VPNProfile>/);
    const profileDiagnostics = await waitForDiagnostics(profile.uri, () => true, 'the language server to validate the new profile');
    assert.deepEqual(profileDiagnostics, [], describeDiagnostics(profileDiagnostics));

    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', profile.uri);
    const titles = (lenses ?? []).map((l) => l.command?.title);
    assert.ok(titles.includes('No server policy in the workspace — create one'), `lenses: ${JSON.stringify(titles)}`);

    const deployment = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(
      'aovpn.createDeploymentScript',
      profile.uri.toString(),
      undefined,
      'Contoso VPN',
    );
    assert.ok(deployment, 'the command opened the script');
    assert.equal(deployment.languageId, 'powershell');
    assert.match(deployment.getText(), /^\$ProfileName = 'Contoso VPN'$/m);
    const scriptDiagnostics = await waitForDiagnostics(deployment.uri, () => true, 'the language server to validate the script');
    assert.deepEqual(scriptDiagnostics, [], describeDiagnostics(scriptDiagnostics));
  });
});
