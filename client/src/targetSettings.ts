// "Always On VPN: Set Target Windows and Deployment": the link of the language status item. A quick
// pick of the two settings (and the Settings editor), then of their values; the choice is written
// where it takes effect for the document (the most specific level that already sets it, else the
// workspace, else the user settings). Shared by the desktop and the web extension.
import * as vscode from 'vscode';
import { DEPLOYMENTS, deploymentLabel, knownDeployment, knownTarget, releaseLabel, type DeploymentId } from './statusModel';
import { CONVENTION_COMMANDS } from './commandIds';
import { NAME } from './name';

/** What the command sets without asking (tests, the walkthrough, other extensions). */
export interface TargetChoice {
  targetWindows?: string;
  deployment?: DeploymentId;
}

interface Item<T> extends vscode.QuickPickItem {
  value: T;
}

interface Manifest {
  contributes?: { configuration?: { properties?: Record<string, { examples?: unknown; enumDescriptions?: unknown }> } };
}

/** Release ids of the target setting, oldest first (generated from the profile model into package.json). */
export function targetReleases(extension: vscode.Extension<unknown>): string[] {
  const examples = (extension.packageJSON as Manifest).contributes?.configuration?.properties?.['aovpn.targetWindows']?.examples;
  return Array.isArray(examples) ? examples.filter((e): e is string => typeof e === 'string') : [];
}

function deploymentDescriptions(extension: vscode.Extension<unknown>): string[] {
  const descriptions = (extension.packageJSON as Manifest).contributes?.configuration?.properties?.['aovpn.deployment']?.enumDescriptions;
  return Array.isArray(descriptions) ? descriptions.map(String) : [];
}

/** Where a change of `key` takes effect for the document, and how to name that place. */
function writeTarget(key: string, scope: vscode.Uri | undefined): { target: vscode.ConfigurationTarget; where: string } {
  const inspected = vscode.workspace.getConfiguration('aovpn', scope).inspect(key);
  if (inspected?.workspaceFolderValue !== undefined)
    return { target: vscode.ConfigurationTarget.WorkspaceFolder, where: 'folder settings' };
  if (inspected?.workspaceValue !== undefined || (vscode.workspace.workspaceFolders?.length ?? 0) > 0)
    return { target: vscode.ConfigurationTarget.Workspace, where: 'workspace settings' };
  return { target: vscode.ConfigurationTarget.Global, where: 'user settings' };
}

async function write(key: 'targetWindows' | 'deployment', value: string, scope: vscode.Uri | undefined): Promise<string> {
  const { target, where } = writeTarget(key, scope);
  await vscode.workspace.getConfiguration('aovpn', scope).update(key, value, target);
  return where;
}

async function pickTarget(extension: vscode.Extension<unknown>, current: unknown): Promise<string | undefined> {
  const releases = targetReleases(extension);
  const currentId = knownTarget(current, releases);
  const items: Item<string | 'build'>[] = [...releases]
    .reverse()
    .map((id) => ({ label: releaseLabel(id), description: id === currentId ? `${id} (current)` : id, value: id }));
  items.push({ label: '$(edit) A build number…', description: 'such as 10.0.19045', value: 'build' });
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Oldest Windows the profiles must work on',
    placeHolder: 'Elements and values that need a newer Windows are reported (unsupported-on-target)',
    matchOnDescription: true,
  });
  if (!chosen) return undefined;
  if (chosen.value !== 'build') return chosen.value;
  return vscode.window
    .showInputBox({
      title: 'Oldest Windows build the profiles must work on',
      prompt: 'A Windows 10 or 11 build number, as winver or "ver" shows it.',
      placeHolder: '10.0.19045',
      value: typeof current === 'string' && /^10\.0\.\d+$/.test(current) ? current : undefined,
      validateInput: (value) => (/^10\.0\.\d+$/.test(value.trim()) ? undefined : 'A build such as 10.0.19045.'),
    })
    .then((value) => value?.trim());
}

async function pickDeployment(extension: vscode.Extension<unknown>, current: unknown): Promise<DeploymentId | undefined> {
  const descriptions = deploymentDescriptions(extension);
  const items: Item<DeploymentId>[] = DEPLOYMENTS.map((id, index) => ({
    label: deploymentLabel(id),
    description: id === knownDeployment(current) ? `${id} (current)` : id,
    detail: descriptions[index],
    value: id,
  }));
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'How the profiles are deployed',
    placeHolder: 'Intune turns on the checks proven for Intune on Windows 11',
  });
  return chosen?.value;
}

export function registerTargetSettingsCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CONVENTION_COMMANDS.setTargetAndDeployment, async (uri?: string, given?: TargetChoice) => {
      const scope = uri ? vscode.Uri.parse(uri) : vscode.window.activeTextEditor?.document.uri;
      const config = vscode.workspace.getConfiguration('aovpn', scope);
      const written: string[] = [];
      if (given) {
        if (given.targetWindows !== undefined) written.push(await write('targetWindows', given.targetWindows, scope));
        if (given.deployment !== undefined) written.push(await write('deployment', given.deployment, scope));
        return written;
      }
      const releases = targetReleases(context.extension);
      const target = config.get<unknown>('targetWindows');
      const deployment = config.get<unknown>('deployment');
      const known = knownTarget(target, releases);
      const knownMode = knownDeployment(deployment);
      const choice = await vscode.window.showQuickPick<Item<'target' | 'deployment' | 'settings'>>(
        [
          {
            label: '$(versions) Target Windows',
            description: known ? releaseLabel(known) : `unknown: ${String(target)}`,
            detail: 'The oldest Windows release the profiles must work on',
            value: 'target',
          },
          {
            label: '$(cloud-upload) Deployment',
            description: knownMode ? deploymentLabel(knownMode) : `unknown: ${String(deployment)}`,
            detail: 'Intune, PowerShell through the MDM bridge, or any',
            value: 'deployment',
          },
          {
            label: '$(settings-gear) Open Settings',
            detail: 'All Always On VPN settings, including the severity of each rule',
            value: 'settings',
          },
        ],
        { title: `${NAME}: what the checks assume` },
      );
      if (!choice) return written;
      if (choice.value === 'settings') {
        await vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`);
        return written;
      }
      if (choice.value === 'target') {
        const value = await pickTarget(context.extension, target);
        if (value === undefined) return written;
        const where = await write('targetWindows', value, scope);
        written.push(where);
        vscode.window.setStatusBarMessage(`Always On VPN: target Windows set to ${releaseLabel(value)} (${where})`, 5000);
      } else {
        const value = await pickDeployment(context.extension, deployment);
        if (value === undefined) return written;
        const where = await write('deployment', value, scope);
        written.push(where);
        vscode.window.setStatusBarMessage(`Always On VPN: deployment set to ${deploymentLabel(value)} (${where})`, 5000);
      }
      return written;
    }),
  );
}
