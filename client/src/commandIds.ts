// Ids of the commands that make the extension behave like other language extensions (restart,
// settings the checks assume, the walkthrough's example). Free of the vscode API so that a unit
// test can hold them to package.json.
export const CONVENTION_COMMANDS = {
  restartServer: 'aovpn.restartServer',
  setTargetAndDeployment: 'aovpn.setTargetAndDeployment',
  openExample: 'aovpn.openExample',
} as const;
