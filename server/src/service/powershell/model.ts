import type { Node, Tree } from 'web-tree-sitter';
import type { Span } from '../xml/xmlTree';

/**
 * The PowerShell a VPN rule needs to see, extracted once per parse from the tree-sitter tree:
 * commands with their parameters as PowerShell would bind them syntactically, variable
 * assignments (for splatting and embedded ProfileXML), and string literals. Offsets are
 * UTF-16 offsets into the script text (what TextDocument uses).
 */

export type PsValueKind =
  | 'string' // quoted string without expansions: value is the unquoted text
  | 'expandable' // double-quoted or @"…"@ string with $variables or $( ) inside: value is the raw content
  | 'number'
  | 'bareword' // generic token such as Group14 or vpn.example.com
  | 'boolean' // $true / $false: value is "true" / "false"
  | 'null' // $null
  | 'variable' // $name (not $true/$false/$null): variable holds the name without '$'
  | 'array' // a, b, c or @( … ) with literal items
  | 'hashtable' // @{ … }
  | 'expression'; // anything else (sub-expressions, method calls, casts of non-literals …)

export interface PsValue {
  kind: PsValueKind;
  /** Source text of the value. */
  text: string;
  /** The static value when known (strings unquoted and unescaped, numbers as written, barewords). */
  value?: string;
  variable?: string;
  items?: PsValue[];
  /** Literal hashtable entries (keys unquoted), for splatting and [PSCustomObject]@{…}. */
  entries?: PsHashEntry[];
  /** A [type] cast in front of the value, lower-cased without brackets (e.g. "pscustomobject"). */
  cast?: string;
  span: Span;
}

export interface PsHashEntry {
  key: string;
  keySpan: Span;
  value: PsValue;
}

export type PsParameterOrigin = 'literal' | 'splat' | 'pipeline';

export interface PsParameter {
  /** Name as written, without the dash and without a `:value` suffix (e.g. "pfsgroup"). */
  name: string;
  /** Span of the name as written: `-PFSgroup` including the dash, or the hashtable key. */
  span: Span;
  /**
   * The argument that follows the parameter syntactically (the next element that is not a
   * parameter), or the `:value` part. Whether a switch really takes it is the binder's call.
   */
  value?: PsValue;
  /** Written `-Name:value` (the only way to give a switch a value). */
  colonValue: boolean;
  origin: PsParameterOrigin;
}

export interface PsCommand {
  /** Command name as written (e.g. "set-vpnserverconfiguration"). */
  name: string;
  nameSpan: Span;
  /** The whole command, from its name to its last argument. */
  span: Span;
  parameters: PsParameter[];
  /** Arguments that follow no parameter. */
  positional: PsValue[];
  /** `@params` splats; `resolved` when a literal hashtable assigned earlier in the script supplied the parameters. */
  splats: { variable: string; span: Span; resolved: boolean }[];
  /**
   * Input piped into the command. `properties` holds the entries when the input is a literal
   * hashtable / [PSCustomObject] (pipeline binding by property name); otherwise unknown.
   */
  pipelineInput?: { span: Span; properties?: PsHashEntry[] };
}

export interface PsAssignment {
  /** Variable name without '$', as written (PowerShell variables are case-insensitive). */
  variable: string;
  variableSpan: Span;
  value: PsValue;
  /** Also `+=`. */
  operator: string;
  span: Span;
}

export interface PsScript {
  text: string;
  tree: Tree;
  commands: PsCommand[];
  assignments: PsAssignment[];
  /** Every string literal of the script, in order (embedded ProfileXML is found among them). */
  strings: PsStringLiteral[];
  /** Comments (for suppression: `# aovpn-disable-next-line rule-id`). */
  comments: Span[];
  /** Extraction failed on this tree: the lists are empty, not complete (features fall back to the tree). */
  extractionFailed?: boolean;
}

export type PsStringQuoting = 'single' | 'double' | 'single-here' | 'double-here';

export interface PsStringLiteral {
  quoting: PsStringQuoting;
  /** Span of the whole literal including quotes. */
  span: Span;
  /** Span of the content between the delimiters (for here-strings: the lines between the header and footer lines). */
  contentSpan: Span;
  node: Node;
}
