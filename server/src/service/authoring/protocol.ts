import type { TextEdit } from 'vscode-languageserver-types';
import type { Deployment } from '../settings';
import type { PolicyValues } from '../workspace/facts';

/**
 * The authoring contract between the extension and the language server: command ids both sides
 * use, the answers the extension sends, and the JSON it gets back. The extension imports this
 * module too (client/src/authoring.ts), so one definition serves both ends; keep it free of
 * anything but constants and types.
 */

/** The language server's `workspace/executeCommand` commands (the same in the Node and the web server). */
export const SERVER_COMMANDS = {
  /** [answers: NewProfileAnswers] */
  newProfile: 'aovpn.server.newProfile',
  /** [uri, { profileName?, position? }] */
  deploymentScript: 'aovpn.server.deploymentScript',
  /** [uri, position?] */
  serverPolicyFromSuite: 'aovpn.server.serverPolicyFromSuite',
  /** [uri, position?] */
  suiteFromServerPolicy: 'aovpn.server.suiteFromServerPolicy',
} as const;

/** The extension's authoring commands (package.json "contributes.commands"); code lenses run some of them. */
export const CLIENT_COMMANDS = {
  newProfile: 'aovpn.newProfile',
  deploymentScript: 'aovpn.createDeploymentScript',
  serverPolicy: 'aovpn.createServerPolicy',
  suite: 'aovpn.createCryptographySuite',
  showLocations: 'aovpn.showLocations',
} as const;

export type TunnelChoice = 'user' | 'device';
export type ProtocolChoice = 'IKEv2' | 'SSTP';
export type AuthenticationChoice = 'peap-tls' | 'eap-tls' | 'peap-mschapv2' | 'machine-certificate';
export type RoutingChoice = 'split' | 'force';

/** The answers of "New Always On VPN profile". */
export interface NewProfileAnswers {
  tunnel: TunnelChoice;
  /** Ignored for a device tunnel (always IKEv2). */
  protocol?: ProtocolChoice;
  /** Ignored for a device tunnel (always the machine certificate). */
  authentication?: AuthenticationChoice;
  /** Ignored for a device tunnel (always split). */
  routing?: RoutingChoice;
  deployment: Deployment;
  /** A release id (`win11-22h2`) or build (`10.0.22621`), as in the settings. */
  targetWindows: string;
  /** The VPN server's public DNS name. */
  server?: string;
  /** The internal DNS suffix (DnsSuffix and TrustedNetworkDetection). */
  dnsSuffix?: string;
  /** Networks sent through a split tunnel: `10.0.0.0/8`, `2001:db8::/32`, or a host address. */
  routes?: string[];
  /** SHA-1 thumbprint of the root CA that issued the NPS server's certificate (EAP). */
  trustedRootCA?: string;
  /** The NPS server's name as in its certificate (EAP). */
  npsServerNames?: string;
  /** The custom policy the RRAS server uses (either spelling); default: the baseline of schemas/crypto.json. */
  suite?: PolicyValues;
}

/** An edit of another document of the workspace that does the same as the generated text. */
export interface AuthoringTarget {
  uri: string;
  /** What the edit does, for a pick list ("Align the CryptographySuite of client.xml"). */
  title: string;
  edits: TextEdit[];
}

/** A generated document for the extension to open. */
export interface AuthoringDocument {
  ok: true;
  language: 'xml' | 'powershell';
  text: string;
  /** Placeholders to fill in, values that could not be carried over: plain sentences. */
  notes: string[];
  /** A short description of what was generated. */
  title: string;
  /** The profile name the deployment script uses (the default one when none was given). */
  profileName?: string;
  /** Other documents the result could be applied to instead (suite from a server policy). */
  targets?: AuthoringTarget[];
}

export interface AuthoringRefusal {
  ok: false;
  /** Why nothing was generated, for a message to the administrator. */
  message: string;
}

export type AuthoringResult = AuthoringDocument | AuthoringRefusal;
