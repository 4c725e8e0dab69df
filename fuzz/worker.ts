/**
 * A fuzz worker (a child process of fuzz/main.ts, so that a hang can be killed): generates the
 * inputs of the index ranges it is given, runs them through the language service and reports
 * one message per input. Inputs are generated here from (seed, index), never sent over.
 */
import { createLanguageService } from '../server/src/service/languageService';
import { nodeWasmSource } from '../server/src/host/wasm';
import { checkInput } from './checks';
import { corpusDirsFromEnv, fuzzCorpus } from './corpus';
import { decodeForService } from './decode';
import { generateInput } from './generators';
import { createRng } from './rng';
import type { ToParent, ToWorker, WorkerConfig } from './protocol';
import { prepareWorkspace } from './setup';

const send = (message: ToParent): void => {
  process.send?.(message);
};

async function main(): Promise<void> {
  let config: WorkerConfig | undefined;
  const service = createLanguageService({ wasm: nodeWasmSource() });
  await service.preparePowerShell();
  const corpus = fuzzCorpus(corpusDirsFromEnv());
  prepareWorkspace(service);

  const queue: { from: number; to: number }[] = [];
  let running = false;
  // One input per turn of the event loop, so that each result reaches the parent (and its
  // watchdog) as soon as it is known.
  const step = (): void => {
    const chunk = queue[0];
    if (!chunk || !config) {
      running = false;
      return;
    }
    runOne(config, chunk.from++);
    if (chunk.from >= chunk.to) {
      queue.shift();
      send({ type: 'chunk-done', from: chunk.from, to: chunk.to });
    }
    setImmediate(step);
  };
  const drain = (): void => {
    if (running) return;
    running = true;
    setImmediate(step);
  };

  const runOne = (c: WorkerConfig, index: number): void => {
    let input;
    try {
      input = generateInput(corpus, c.seed, index);
    } catch (error) {
      send({ type: 'generator-error', index, message: (error as Error).stack ?? String(error) });
      return;
    }
    const decoded = decodeForService(input.bytes);
    const scriptText = input.kind === 'xml' ? input.script! : decoded.text;
    const result = checkInput(service, { xmlText: decoded.text, scriptText, kind: input.kind }, createRng(c.seed, index, 'check'), {
      timeLimitMs: c.timeLimitMs,
      maxActionRanges: c.maxActionRanges,
      randomOffsets: c.randomOffsets,
    });
    const failed = result.failures.length > 0;
    const sampled = c.cliEvery > 0 && index % c.cliEvery === 0;
    send({
      type: 'done',
      index,
      generator: input.generator,
      kind: input.kind,
      note: input.note,
      bytes: input.bytes.length,
      ms: result.ms,
      slowest: result.slowest,
      failures: result.failures,
      settings: result.settings,
      offsets: failed ? result.offsets : undefined,
      input:
        failed || sampled ? { bytes: input.bytes.toString('base64'), script: input.kind === 'xml' ? scriptText : undefined } : undefined,
    });
  };

  process.on('message', (message: ToWorker) => {
    if (message.type === 'config') {
      config = message.config;
      send({ type: 'ready' });
    } else if (message.type === 'chunk') {
      queue.push({ from: message.from, to: message.to });
      drain();
    } else if (message.type === 'stop') {
      process.exit(0);
    }
  });
  send({ type: 'loaded' });
}

main().catch((error) => {
  process.stderr.write(`fuzz worker failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(3);
});
