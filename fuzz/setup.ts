import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LanguageService } from '../server/src/service/languageService';
import { ROOT } from './corpus';

/**
 * The workspace every fuzz input is checked in (workers and regression replays alike): an RRAS
 * server policy and a client profile, so that the cross-file rules (ipsec-policy-mismatch, …)
 * run on every input.
 */
export const WORKSPACE_FILES: readonly (readonly [string, string])[] = [
  ['test/fixtures/workspace/server.ps1', 'powershell'],
  ['test/fixtures/workspace/client.xml', 'xml'],
];

export function prepareWorkspace(service: LanguageService): void {
  let version = 0;
  for (const [file, languageId] of WORKSPACE_FILES) {
    try {
      service.workspace.setFile(
        `file:///fuzz/workspace/${file.split('/').pop()}`,
        languageId,
        readFileSync(join(ROOT, file), 'utf8'),
        ++version,
      );
    } catch {
      // A missing fixture: the cross-file rules then only see the fuzzed neighbours.
    }
  }
}
