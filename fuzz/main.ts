/**
 * `npm run fuzz`: throws generated ProfileXML and PowerShell at the language service and the CLI.
 *
 *   npm run fuzz -- [--count N] [--seconds S] [--seed X] [--workers W] [--time-limit MS]
 *                   [--hang-ms MS] [--cli-every N] [--from I] [--no-save] [--save-dir DIR]
 *                   [--corpus DIR]...
 *   npm run fuzz -- --seed X --index I [--dump FILE]     replay one input and show what it does
 *
 * Input #i of seed X is always the same bytes (fuzz/generators.ts), so a failure printed as
 * "seed X index I" is reproduced with `--seed X --index I`. Failing inputs are saved to
 * test/fixtures/fuzz/ (bytes as generated, plus a .json with what failed), where
 * test/unit/fuzzRegressions.test.ts replays them. The run stops at --count inputs or after
 * --seconds, whichever comes first, and exits non-zero on any crash, timeout, range
 * violation or CLI failure. See fuzz/README.md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { delimiter, join, relative, resolve } from 'node:path';
import { checkInput, type Failure } from './checks';
import { CORPUS_DIRS_ENV, fuzzCorpus, ROOT, type Corpus } from './corpus';
import { decodeForService } from './decode';
import { generateInput, GENERATOR_NAMES, truncationCount, CYCLE, WEIGHTS } from './generators';
import type { DoneMessage, ToParent, ToWorker, WorkerConfig } from './protocol';
import { runWithDeadline } from './process';
import { createRng } from './rng';
import { prepareWorkspace } from './setup';

interface Options {
  count: number;
  seconds: number;
  seed: string;
  workers: number;
  timeLimitMs: number;
  hangMs: number;
  cliEvery: number;
  from: number;
  save: boolean;
  saveDir: string;
  maxSaved: number;
  chunk: number;
  progressSeconds: number;
  index?: number;
  dump?: string;
  /** Run the CLI with V8's default WebAssembly tiering (slow exit, see cliNodeFlags). */
  cliTierUp: boolean;
  /** Folders of profiles (and scripts) used besides the repository's own inputs. */
  corpusDirs: string[];
  /** The same folders as they were given on the command line (for the replay command). */
  corpusArgs: string[];
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    count: 100_000,
    seconds: 20 * 60,
    seed: String(Date.now() % 1_000_000_007),
    workers: Math.max(1, Math.min(2, cpus().length)),
    timeLimitMs: 2000,
    hangMs: 15_000,
    cliEvery: 500,
    from: 0,
    save: true,
    saveDir: join(ROOT, 'test', 'fixtures', 'fuzz'),
    maxSaved: 40,
    chunk: 20,
    progressSeconds: 15,
    cliTierUp: false,
    corpusDirs: [],
    corpusArgs: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(`${name} needs a value`);
      return v;
    };
    const int = (): number => {
      const v = Number(value());
      if (!Number.isFinite(v) || v < 0) usage(`${name} needs a non-negative number`);
      return Math.floor(v);
    };
    switch (name) {
      case '--count':
        o.count = int();
        break;
      case '--seconds':
        o.seconds = int();
        break;
      case '--seed':
        o.seed = value();
        break;
      case '--workers':
        o.workers = Math.max(1, int());
        break;
      case '--time-limit':
        o.timeLimitMs = int();
        break;
      case '--hang-ms':
        o.hangMs = int();
        break;
      case '--cli-every':
        o.cliEvery = int();
        break;
      case '--from':
        o.from = int();
        break;
      case '--index':
        o.index = int();
        break;
      case '--dump':
        o.dump = value();
        break;
      case '--cli-tier-up':
        o.cliTierUp = true;
        break;
      case '--no-save':
        o.save = false;
        break;
      case '--save-dir':
        o.saveDir = value();
        break;
      case '--corpus': {
        const given = value();
        const dir = resolve(given);
        if (!existsSync(dir)) usage(`--corpus ${given}: no such folder (${dir})`);
        o.corpusDirs.push(dir);
        o.corpusArgs.push(given);
        break;
      }
      case '--max-saved':
        o.maxSaved = int();
        break;
      case '--chunk':
        o.chunk = Math.max(1, int());
        break;
      case '--progress':
        o.progressSeconds = Math.max(1, int());
        break;
      case '-h':
      case '--help':
        process.stdout.write(HELP);
        process.exit(0);
        break;
      default:
        usage(`unknown option ${arg}`);
    }
  }
  return o;
}

const HELP = `Usage: npm run fuzz -- [options]
  --count N         inputs to run (default 100000)
  --seconds S       stop after S seconds even if fewer inputs ran (default 1200)
  --seed X          seed; input #i of seed X is always the same (default: from the clock, printed)
  --from I          first input index (default 0)
  --workers W       worker processes (default: min(2, cores))
  --time-limit MS   budget of every single request of the service (default 2000)
  --hang-ms MS      a worker silent this long is killed and its input reported (default 15000)
  --cli-every N     run dist/cli.js on every N-th input (default 500; 0: never)
  --cli-tier-up     run the CLI without --liftoff-only (as installed; every run with a
                    script then spends ~4 s of CPU compiling the grammar before it exits)
  --no-save         do not save failing inputs to test/fixtures/fuzz/
  --corpus DIR      also start from the profiles (*.xml) and scripts (*.ps1) in DIR, e.g. a
                    corpus of real-world profiles kept outside the repository (repeatable;
                    input #i of a seed then depends on these folders too)
  --index I         replay input I of --seed in this process and print what it did
  --dump FILE       with --index: also write the input's bytes to FILE
`;

function usage(message: string): never {
  process.stderr.write(`fuzz: ${message}\n${HELP}`);
  process.exit(2);
}

// ---------- bookkeeping ----------

interface Stats {
  count: number;
  ms: number;
  max: number;
  maxIndex: number;
}

interface Slowest {
  ms: number;
  index: number;
  generator: string;
  call: string;
  doc: string;
  note: string;
}

interface CliSample {
  index: number;
  generator: string;
  kind: 'xml' | 'ps';
  bytes: Buffer;
  script?: string;
}

const failuresBySignature = new Map<string, { count: number; first: string; saved: number; example: Failure }>();
let savedTotal = 0;

function signatureOf(f: Failure): string {
  const frame = f.stack
    ?.split('\n')
    .slice(1)
    .find((l) => /\/server\/src\//.test(l) || /node_modules/.test(l));
  const where = frame
    ? frame
        .trim()
        .replace(/:\d+:\d+\)?$/, '')
        .replace(/^at /, '')
    : f.message.replace(/\d+/g, 'N').slice(0, 120);
  return `${f.kind} | ${f.doc} | ${f.call.replace(/@\d+/, '@N').replace(/ ".*"$/, '')} | ${where}`;
}

function safe(s: string): string {
  return s.replace(/[^\w.-]+/g, '_').slice(0, 40);
}

function saveFailure(
  o: Options,
  info: { index: number; generator: string; note: string; kind: 'xml' | 'ps' },
  input: { bytes: Buffer; script?: string },
  failures: Failure[],
  extra: Record<string, unknown>,
): string | undefined {
  if (!o.save) return undefined;
  const wanted = failures.some((f) => {
    const entry = failuresBySignature.get(signatureOf(f));
    return !entry || entry.saved < 2;
  });
  if (!wanted || savedTotal >= o.maxSaved) return undefined;
  for (const f of failures) {
    const entry = failuresBySignature.get(signatureOf(f));
    if (entry) entry.saved++;
  }
  savedTotal++;
  mkdirSync(o.saveDir, { recursive: true });
  const stem = join(o.saveDir, `${info.generator}-seed${safe(o.seed)}-${info.index}`);
  const main = `${stem}.${info.kind === 'xml' ? 'xml' : 'ps1'}`;
  writeFileSync(main, input.bytes);
  // The wrapping script of an XML input, when it is the script that failed.
  if (info.kind === 'xml' && input.script !== undefined && failures.some((f) => f.doc === 'ps')) writeFileSync(`${stem}.ps1`, input.script);
  const sidecar = {
    seed: o.seed,
    index: info.index,
    generator: info.generator,
    note: info.note,
    // The input's bytes are saved beside this file; replaying by seed also needs the same --corpus folders.
    replay: `npm run fuzz -- --seed ${o.seed} --index ${info.index}${o.corpusArgs.map((d) => ` --corpus ${d}`).join('')}`,
    ...extra,
    failures: failures.map((f) => ({ ...f, stack: f.stack?.split('\n').slice(0, 12).join('\n') })),
  };
  writeFileSync(`${stem}.json`, JSON.stringify(sidecar, null, 2) + '\n');
  return relative(ROOT, main);
}

// ---------- replay of one input ----------

async function replayOne(o: Options): Promise<number> {
  const { createLanguageService } = await import('../server/src/service/languageService');
  const { nodeWasmSource } = await import('../server/src/host/wasm');
  const service = createLanguageService({ wasm: nodeWasmSource() });
  await service.preparePowerShell();
  prepareWorkspace(service);
  const corpus = fuzzCorpus(o.corpusDirs);
  const index = o.index!;
  const input = generateInput(corpus, o.seed, index);
  const decoded = decodeForService(input.bytes);
  if (o.dump) writeFileSync(o.dump, input.bytes);
  process.stdout.write(
    `seed ${o.seed} index ${index}: ${input.generator} (${input.kind}), ${input.bytes.length} bytes${decoded.decodable ? '' : ', not decodable by the CLI'}\n  ${input.note}\n`,
  );
  const scriptText = input.kind === 'xml' ? input.script! : decoded.text;
  const result = checkInput(service, { xmlText: decoded.text, scriptText, kind: input.kind }, createRng(o.seed, index, 'check'), {
    timeLimitMs: o.timeLimitMs,
    maxActionRanges: 40,
    randomOffsets: 2,
  });
  process.stdout.write(
    `  ${Math.round(result.ms)} ms; slowest ${result.slowest.call} on ${result.slowest.doc} (${Math.round(result.slowest.ms)} ms); settings ${JSON.stringify(result.settings ?? {})}\n`,
  );
  for (const f of result.failures)
    process.stdout.write(
      `  FAIL ${f.kind} ${f.doc} ${f.call}: ${f.message}\n${
        f.stack
          ? f.stack
              .split('\n')
              .slice(0, 10)
              .map((l) => `      ${l}`)
              .join('\n') + '\n'
          : ''
      }`,
    );
  if (!result.failures.length) process.stdout.write('  no failure\n');
  return result.failures.length ? 1 : 0;
}

// ---------- the CLI ----------

const CLI = join(ROOT, 'dist', 'cli.js');

const STACK_LINE = /^\s+at .+(?:\(.+:\d+:\d+\)|:\d+:\d+)$/m;

/**
 * Node flags for the CLI runs. By default `--liftoff-only`: Node waits at exit for V8 to finish
 * optimising the PowerShell grammar's WebAssembly (~4 s of CPU on this machine), which would
 * make every CLI run with a script cost more than a thousand service inputs. The flag changes
 * only the WebAssembly compiler tier, not what the CLI does.
 */
let cliNodeFlags: string[] = ['--liftoff-only'];

async function checkCli(sample: CliSample, ordinal: number): Promise<{ failures: Failure[]; status: number | null; args: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'aovpn-fuzz-'));
  try {
    const files: string[] = [];
    const main = join(dir, sample.kind === 'xml' ? 'input.xml' : 'input.ps1');
    writeFileSync(main, sample.bytes);
    files.push(main);
    if (sample.kind === 'xml' && sample.script !== undefined && ordinal % 2 === 0) {
      writeFileSync(join(dir, 'wrapped.ps1'), sample.script);
      files.push(join(dir, 'wrapped.ps1'));
    }
    // Not ordinal % 5: that would tie each format to the deployment options below.
    const format = CLI_FORMATS[Math.floor(ordinal / 7) % CLI_FORMATS.length];
    const args = [CLI, '--format', format];
    if (ordinal % 4 === 1) args.push('--fix');
    // The dry run prints the file's own lines (a diff), in the formats for people and problem matchers.
    if (ordinal % 4 === 3 && (format === 'text' || format === 'compact')) args.push('--fix-dry-run');
    if (ordinal % 5 === 2) args.push('--deployment', 'intune', '--target-windows', 'win10-1709');
    if (ordinal % 7 === 3) args.push('--quiet');
    // Now and then the folder instead of the files (the CLI then finds them itself).
    args.push(...(ordinal % 6 === 5 ? [dir] : files));
    const r = await runWithDeadline(process.execPath, [...cliNodeFlags, ...args], {
      cwd: dir,
      timeoutMs: 60_000,
      maxStdout: 4_000_000,
      maxStderr: 200_000,
    });
    const failures: Failure[] = [];
    const shown = args
      .slice(1)
      .map((a) => a.replace(dir, '$TMP'))
      .join(' ');
    const fail = (kind: Failure['kind'], message: string): void => {
      failures.push({ kind, doc: sample.kind, call: `cli ${shown}`, message, stack: r.stderr.slice(0, 2000) });
    };
    if (r.timedOut) fail('timeout', `the CLI did not finish within 60 s`);
    else if (r.status === null || ![0, 1, 2].includes(r.status)) fail('crash', `exit ${r.status ?? `signal ${r.signal}`}`);
    if (/internal error/i.test(r.stderr) || STACK_LINE.test(r.stderr))
      fail('crash', `stack trace on stderr: ${r.stderr.split('\n').slice(0, 3).join(' / ')}`);
    if ((format === 'json' || format === 'sarif') && r.stdout.trim() && !r.timedOut) {
      try {
        JSON.parse(r.stdout);
      } catch {
        fail('crash', `--format ${format} printed something that is not JSON: ${r.stdout.slice(0, 200)}`);
      }
    }
    if (!r.timedOut) for (const problem of ciCommandProblems(format, r.stdout)) fail('output', problem);
    return { failures, status: r.status, args: args.slice(1) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- the run ----------

interface WorkerState {
  id: number;
  proc: ChildProcess;
  ready: boolean;
  ranges: { from: number; to: number }[];
  lastProgress: number;
  stderr: string;
  dead: boolean;
}

async function run(o: Options): Promise<number> {
  if (o.index !== undefined) return replayOne(o);
  if (o.cliTierUp) cliNodeFlags = [];
  const corpusForParent = ((): (() => Corpus) => {
    let corpus: Corpus | undefined;
    return () => (corpus ??= fuzzCorpus(o.corpusDirs));
  })();
  const startedAt = performance.now();
  const elapsed = (): number => (performance.now() - startedAt) / 1000;
  const end = o.from + o.count;
  let next = o.from;
  let ran = 0;
  const kinds = { xml: 0, ps: 0 };
  let totalBytes = 0;
  const counts = { crash: 0, timeout: 0, range: 0, edit: 0, output: 0, incremental: 0, hang: 0 };
  let failedInputs = 0;
  let overLimit = 0;
  let printedFailures = 0;
  const perGenerator = new Map<string, Stats>();
  let slowest: Slowest = { ms: 0, index: -1, generator: '', call: '', doc: '', note: '' };
  const savedFiles: string[] = [];
  const cliQueue: CliSample[] = [];
  const cliExit = new Map<string, number>();
  let cliRuns = 0;
  let cliFailures = 0;
  let cliRunning: Promise<void> | undefined;
  let stopping = false;
  const corpusInfo = corpusForParent();

  process.stdout.write(
    `fuzz: seed ${o.seed}, inputs ${o.from}..${end - 1} (at most ${o.seconds} s), ${o.workers} worker(s), ${o.timeLimitMs} ms per request, CLI on every ${o.cliEvery || '-'}th input\n` +
      `      corpus: ${corpusInfo.profiles.length} profiles, ${corpusInfo.scripts.length} scripts, ${corpusInfo.cmdletLines.length} cmdlet lines; ` +
      `${GENERATOR_NAMES.length} generators; ${truncationCount(corpusInfo)} truncation points\n`,
  );
  if (o.cliEvery > 0 && !existsSync(CLI)) {
    process.stderr.write(`fuzz: ${relative(ROOT, CLI)} is missing: run \`node scripts/build.mjs\` first (npm run fuzz builds it)\n`);
    return 2;
  }

  const reportFailure = (
    info: { index: number; generator: string; note: string; kind: 'xml' | 'ps' },
    failures: Failure[],
    input: { bytes: Buffer; script?: string } | undefined,
    extra: Record<string, unknown>,
  ): void => {
    failedInputs++;
    for (const f of failures) {
      const sig = signatureOf(f);
      const entry = failuresBySignature.get(sig);
      if (entry) entry.count++;
      else failuresBySignature.set(sig, { count: 1, first: `seed ${o.seed} index ${info.index}`, saved: 0, example: f });
      if (f.kind === 'timeout' && /hang|killed/.test(f.message)) counts.hang++;
      counts[f.kind]++;
    }
    const saved = input ? saveFailure(o, info, input, failures, extra) : undefined;
    if (saved) savedFiles.push(saved);
    if (printedFailures++ < 30) {
      const lines = failures.slice(0, 4).map(
        (f) =>
          `    ${f.kind} [${f.doc}] ${f.call}: ${f.message}${
            f.stack && f.kind === 'crash'
              ? `\n      ${f.stack
                  .split('\n')
                  .slice(1, 4)
                  .map((l) => l.trim())
                  .join('\n      ')}`
              : ''
          }`,
      );
      process.stdout.write(
        `FAIL seed ${o.seed} index ${info.index} (${info.generator}: ${info.note})${saved ? ` → ${saved}` : ''}\n${lines.join('\n')}\n`,
      );
    } else if (printedFailures === 31) {
      process.stdout.write('(further failures are counted, not printed)\n');
    }
  };

  const pumpCli = (): void => {
    if (cliRunning || cliQueue.length === 0) return;
    const sample = cliQueue.shift()!;
    const ordinal = cliRuns++;
    cliRunning = checkCli(sample, ordinal)
      .then(({ failures, status }) => {
        const key = String(status);
        cliExit.set(key, (cliExit.get(key) ?? 0) + 1);
        if (failures.length) {
          cliFailures++;
          reportFailure({ index: sample.index, generator: sample.generator, note: 'CLI run', kind: sample.kind }, failures, sample, {
            cli: true,
          });
        }
      })
      .catch((error) => {
        cliFailures++;
        process.stdout.write(`FAIL CLI harness error on index ${sample.index}: ${(error as Error).message}\n`);
      })
      .finally(() => {
        cliRunning = undefined;
        pumpCli();
      });
  };

  const onDone = (m: DoneMessage): void => {
    ran++;
    kinds[m.kind]++;
    totalBytes += m.bytes;
    const s = perGenerator.get(m.generator) ?? { count: 0, ms: 0, max: 0, maxIndex: -1 };
    s.count++;
    s.ms += m.ms;
    if (m.ms > s.max) {
      s.max = m.ms;
      s.maxIndex = m.index;
    }
    perGenerator.set(m.generator, s);
    if (m.ms > o.timeLimitMs) overLimit++;
    if (m.ms > slowest.ms)
      slowest = { ms: m.ms, index: m.index, generator: m.generator, call: m.slowest.call, doc: m.slowest.doc, note: m.note };
    const bytes = m.input ? Buffer.from(m.input.bytes, 'base64') : undefined;
    if (m.failures.length)
      reportFailure(m, m.failures, bytes ? { bytes, script: m.input?.script } : undefined, {
        settings: m.settings ?? null,
        offsets: m.offsets,
      });
    if (bytes && o.cliEvery > 0 && m.index % o.cliEvery === 0) {
      cliQueue.push({ index: m.index, generator: m.generator, kind: m.kind, bytes, script: m.input?.script });
      pumpCli();
    }
  };

  // ---- workers ----
  const config: WorkerConfig = { seed: o.seed, timeLimitMs: o.timeLimitMs, maxActionRanges: 40, randomOffsets: 2, cliEvery: o.cliEvery };
  const workers: WorkerState[] = [];
  let finish: (() => void) | undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const budgetLeft = (): boolean => !stopping && next < end && elapsed() < o.seconds;
  const topUp = (w: WorkerState): void => {
    if (!w.ready || w.dead) return;
    let queued = w.ranges.reduce((n, r) => n + (r.to - r.from), 0);
    while (queued < 2 * o.chunk && budgetLeft()) {
      const from = next;
      const to = Math.min(end, from + o.chunk);
      next = to;
      w.ranges.push({ from, to });
      queued += to - from;
      w.proc.send({ type: 'chunk', from, to } satisfies ToWorker);
    }
    if (w.ranges.length === 0) w.lastProgress = performance.now();
    checkFinished();
  };
  const checkFinished = (): void => {
    if (budgetLeft()) return;
    if (workers.every((w) => w.dead || (w.ready && w.ranges.length === 0))) finish?.();
  };

  const spawnWorker = (id: number, carry: { from: number; to: number }[] = []): WorkerState => {
    const proc = fork(join(__dirname, 'worker.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      cwd: ROOT,
      env: { ...process.env, [CORPUS_DIRS_ENV]: o.corpusDirs.join(delimiter) },
    });
    const w: WorkerState = { id, proc, ready: false, ranges: [], lastProgress: performance.now(), stderr: '', dead: false };
    proc.stderr?.setEncoding('utf8').on('data', (d: string) => {
      w.stderr = (w.stderr + d).slice(-8000);
    });
    proc.on('message', (m: ToParent) => {
      w.lastProgress = performance.now();
      switch (m.type) {
        case 'loaded':
          proc.send({ type: 'config', config } satisfies ToWorker);
          break;
        case 'ready':
          w.ready = true;
          for (const r of carry) {
            w.ranges.push(r);
            proc.send({ type: 'chunk', from: r.from, to: r.to } satisfies ToWorker);
          }
          topUp(w);
          break;
        case 'done': {
          const head = w.ranges[0];
          if (head && head.from === m.index) {
            head.from++;
            if (head.from >= head.to) w.ranges.shift();
          }
          onDone(m);
          topUp(w);
          break;
        }
        case 'chunk-done':
          topUp(w);
          break;
        case 'generator-error':
          process.stdout.write(`FAIL generator error at index ${m.index}: ${m.message}\n`);
          counts.crash++;
          {
            const head = w.ranges[0];
            if (head && head.from === m.index) {
              head.from++;
              if (head.from >= head.to) w.ranges.shift();
            }
          }
          topUp(w);
          break;
      }
    });
    proc.on('exit', (code, signal) => {
      if (w.dead) return;
      w.dead = true;
      const head = w.ranges[0];
      if (!w.ready && !head) {
        process.stderr.write(`fuzz: worker ${id} exited during start-up (${code ?? signal}):\n${w.stderr}\n`);
        stopping = true;
        checkFinished();
        return;
      }
      if (head) {
        // The worker died on this input: report it, skip it, and carry on with a fresh worker.
        const index = head.from;
        head.from++;
        if (head.from >= head.to) w.ranges.shift();
        lostInput(
          index,
          'crash',
          `the worker process died (exit ${code ?? `signal ${signal}`}) while running this input${w.stderr ? `: ${w.stderr.slice(-600)}` : ''}`,
        );
        replace(w, w.ranges);
      }
      checkFinished();
    });
    workers[id] = w;
    return w;
  };

  const replace = (w: WorkerState, ranges: { from: number; to: number }[]): void => {
    if (stopping) return;
    spawnWorker(
      w.id,
      ranges.filter((r) => r.to > r.from),
    );
  };

  const lostInput = (index: number, kind: 'crash' | 'timeout', message: string): void => {
    let info = { index, generator: '?', note: '', kind: 'xml' as 'xml' | 'ps' };
    let input: { bytes: Buffer; script?: string } | undefined;
    try {
      const generated = generateInput(corpusForParent(), o.seed, index);
      info = { index, generator: generated.generator, note: generated.note, kind: generated.kind };
      input = { bytes: generated.bytes, script: generated.script };
    } catch {
      // Reported without the input.
    }
    ran++;
    reportFailure(info, [{ kind, doc: info.kind, call: 'worker', message }], input, { hang: kind === 'timeout' });
  };

  for (let i = 0; i < o.workers; i++) spawnWorker(i);

  // Watchdog: a worker that reports nothing for --hang-ms is stuck on its current input.
  const watchdog = setInterval(() => {
    const now = performance.now();
    for (const w of workers) {
      if (w.dead || !w.ready || w.ranges.length === 0) continue;
      if (now - w.lastProgress > o.hangMs) {
        const head = w.ranges[0];
        const index = head.from;
        head.from++;
        if (head.from >= head.to) w.ranges.shift();
        w.dead = true;
        w.proc.kill('SIGKILL');
        lostInput(index, 'timeout', `hang: no answer for ${Math.round((now - w.lastProgress) / 1000)} s; the worker was killed`);
        replace(w, w.ranges);
      }
    }
    checkFinished();
  }, 250);

  // Progress.
  const progress = setInterval(() => {
    const t = elapsed();
    process.stdout.write(
      `[${fmt(ran)}/${fmt(o.count)}  ${Math.floor(t / 60)}:${String(Math.floor(t % 60)).padStart(2, '0')}  ${(ran / Math.max(t, 0.001)).toFixed(0)}/s  ` +
        `crashes ${counts.crash}  timeouts ${counts.timeout}  ranges ${counts.range + counts.edit}  CLI ${cliRuns} run (${cliQueue.length} queued), ${cliFailures} failed  ` +
        `slowest ${Math.round(slowest.ms)} ms (${slowest.generator} #${slowest.index})]\n`,
    );
  }, o.progressSeconds * 1000);

  const interrupted = (): void => {
    stopping = true;
    process.stdout.write('\nfuzz: interrupted; finishing the inputs in flight\n');
    finish?.();
  };
  process.once('SIGINT', interrupted);

  await finished;
  clearInterval(watchdog);
  clearInterval(progress);
  for (const w of workers) {
    if (!w.dead) {
      w.dead = true;
      try {
        w.proc.send({ type: 'stop' } satisfies ToWorker);
      } catch {
        w.proc.kill('SIGKILL');
      }
    }
  }
  // Finish the CLI runs that were sampled.
  while (cliRunning || cliQueue.length) {
    pumpCli();
    await cliRunning;
  }
  const seconds = elapsed();

  // ---- summary ----
  const out: string[] = [];
  const total = counts.crash + counts.timeout + counts.range + counts.edit + counts.output + counts.incremental + cliFailures;
  out.push('', `fuzz summary — seed ${o.seed}`);
  out.push(
    `  inputs run        ${fmt(ran)} (${fmt(kinds.xml)} XML, ${fmt(kinds.ps)} PowerShell; ${(totalBytes / 1e6).toFixed(1)} MB), indices ${o.from}..${o.from + ran - 1}`,
  );
  out.push(`  time              ${seconds.toFixed(0)} s, ${(ran / seconds).toFixed(0)} inputs/s with ${o.workers} worker(s)`);
  out.push(`  crashes           ${counts.crash}`);
  out.push(
    `  timeouts          ${counts.timeout} (limit ${o.timeLimitMs} ms per request; ${counts.hang} hang(s): input unfinished after ${o.hangMs / 1000} s, worker killed)`,
  );
  out.push(`  inputs over ${o.timeLimitMs} ms  ${overLimit} (all requests of the input together; information)`);
  out.push(`  range violations  ${counts.range + counts.edit}`);
  out.push(`  incremental       ${counts.incremental} (scripts: next version re-parsed on the previous parse vs the same text fresh)`);
  out.push(
    `  CLI runs          ${cliRuns} (exit ${
      [...cliExit]
        .sort()
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ') || '-'
    }), failures ${cliFailures} (${counts.output} printing a command a CI runner would run)`,
  );
  out.push(
    `  slowest input     ${Math.round(slowest.ms)} ms — ${slowest.generator}, seed ${o.seed} index ${slowest.index} (${slowest.note}); slowest request ${slowest.call} on the ${slowest.doc} document`,
  );
  out.push('  per generator     count   avg ms   max ms (index)');
  for (const name of GENERATOR_NAMES) {
    const s = perGenerator.get(name);
    if (s)
      out.push(
        `    ${name.padEnd(24)}${String(s.count).padStart(7)}${(s.ms / s.count).toFixed(1).padStart(9)}${Math.round(s.max).toString().padStart(9)} (${s.maxIndex})`,
      );
  }
  if (failuresBySignature.size) {
    out.push('  distinct failures:');
    for (const [sig, e] of [...failuresBySignature].sort((a, b) => b[1].count - a[1].count))
      out.push(`    ${String(e.count).padStart(6)} × ${sig}  (first: ${e.first})`);
  }
  if (savedFiles.length) out.push(`  saved to test/fixtures/fuzz/: ${savedFiles.length} input(s)`);
  out.push(`  result            ${total === 0 ? 'PASS' : `FAIL (${failedInputs} failing input(s))`}`);
  process.stdout.write(out.join('\n') + '\n');
  return total === 0 ? 0 : 1;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

// Keep the schedule honest: the weights are per CYCLE inputs.
if (CYCLE !== WEIGHTS.reduce((s, [, , w]) => s + w, 0)) throw new Error('generator schedule does not match the weights');

run(parseOptions(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`fuzz: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  },
);

const CLI_FORMATS = ['text', 'compact', 'json', 'sarif', 'github', 'azure-devops'] as const;

/**
 * CI runners act on `##vso[…]` anywhere in a line (Azure Pipelines) and on `::command` at the start
 * of one (GitHub Actions): only the CI formats may print them, and only their own.
 */
function ciCommandProblems(format: string, stdout: string): string[] {
  const problems: string[] = [];
  // Split as runners split lines; GitHub trims a line before it looks for "::".
  for (const line of stdout.split(/\r\n|\n|\r/)) {
    const azure = [...line.matchAll(/##(vso)?\[/g)];
    const ownAzure = format === 'azure-devops' && line.startsWith('##vso[task.logissue ') ? 1 : 0;
    if (azure.length > ownAzure)
      problems.push(`--format ${format} printed a line an Azure Pipelines agent would act on: ${line.slice(0, 200)}`);
    const ownGitHub = format === 'github' && /^::(error|warning|notice) file=/.test(line);
    if (/^\s*::/.test(line) && !ownGitHub)
      problems.push(`--format ${format} printed a line GitHub Actions would act on: ${line.slice(0, 200)}`);
  }
  return problems;
}
