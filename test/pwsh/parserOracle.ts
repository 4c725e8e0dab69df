import path from 'node:path';
import { nodeWasmSource } from '../../server/src/host/wasm';
import { parsePowerShellDocument } from '../../server/src/service/powershell/document';
import { loadPowerShellParser } from '../../server/src/service/powershell/grammar';
import type { OracleDifference } from './acceptedDifferences';
import type { PhaseResult } from './main';
import { compareParse, type ComparisonCounts, type PwshParse } from './parserCompare';
import { parserInputs } from './parserInputs';
import { PwshServer } from './pwshServer';

/** Phase 1: PowerShell's parser against our extraction, statement by statement. */
export async function runParserOracle(pwsh: string): Promise<PhaseResult> {
  const parser = await loadPowerShellParser(nodeWasmSource());
  const server = new PwshServer(pwsh, path.join(__dirname, 'parseServer.ps1'));
  const counts: ComparisonCounts = { statements: 0, commands: 0, assignments: 0, strings: 0, comments: 0, literalValues: 0 };
  const differences: OracleDifference[] = [];
  const perGroup: string[] = [];
  const rejected: string[] = [];
  try {
    for (const { group, inputs } of await parserInputs()) {
      // All requests at once: pwsh answers them in order while we compare.
      const replies = inputs.map((input) => server.request<PwshParse>({ id: input.id, text: input.text }));
      let compared = 0;
      for (let i = 0; i < inputs.length; i++) {
        const input = inputs[i];
        const theirs = await replies[i];
        if (theirs.errors.length > 0) {
          // Not PowerShell (a fuzzer seed, a broken fixture): nothing to compare against.
          rejected.push(input.id);
          if (group.startsWith('generated'))
            differences.push({
              oracle: 'parser',
              input: input.id,
              category: 'generated-input-rejected',
              excerpt: input.text,
              detail: theirs.errors.map((e) => `${e.id} at ${e.start}`).join(', '),
            });
          continue;
        }
        compared++;
        const ours = parsePowerShellDocument(parser, input.text);
        try {
          for (const d of compareParse(input.id, input.text, ours, theirs, counts)) differences.push({ oracle: 'parser', ...d });
        } finally {
          ours.script.tree.delete();
          if (ours.tree !== ours.script.tree) ours.tree.delete();
        }
      }
      perGroup.push(`${compared} ${group}`);
    }
  } finally {
    await server.close();
  }
  return {
    oracle: 'parser',
    summary: [
      `inputs compared: ${perGroup.join(', ')}${rejected.length ? ` (not compared, PowerShell reports parse errors: ${rejected.join(', ')})` : ''}`,
      `statements compared ${counts.statements} (${counts.commands} commands, ${counts.assignments} string assignments)`,
      `strings ${counts.strings} (${counts.literalValues} literal values against the embedded mapping)`,
      `comments ${counts.comments}`,
    ],
    differences,
  };
}
