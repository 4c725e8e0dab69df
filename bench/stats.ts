// Timing helpers: repeated samples, summary statistics, and a noise probe for the machine.

export interface Stats {
  /** Number of timed samples. */
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

export interface SampleOptions {
  /** Untimed runs first (JIT, caches). */
  warmup?: number;
  minSamples?: number;
  maxSamples?: number;
  /** Keep sampling until this much time was spent (bounded by maxSamples). */
  minTimeMs?: number;
}

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

export function summarize(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return {
    n: sorted.length,
    median: sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2,
    p95: at(0.95),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

function defaults(options: SampleOptions): Required<SampleOptions> {
  return {
    warmup: options.warmup ?? 3,
    minSamples: options.minSamples ?? 15,
    maxSamples: options.maxSamples ?? 200,
    minTimeMs: options.minTimeMs ?? 400,
  };
}

/**
 * Times `run` repeatedly. `setup` (untimed) prepares each sample and hands its result to
 * `run`. The heap is collected once before the series (when node runs with --expose-gc), so a
 * series does not pay for the garbage of the one before; inside a series garbage collection
 * is left to V8, as in an editor where requests follow each other, and its cost is spread over
 * the samples that cause it.
 */
export function sample<T>(run: (input: T) => unknown, setup: () => T, options: SampleOptions = {}): Stats {
  const o = defaults(options);
  for (let i = 0; i < o.warmup; i++) run(setup());
  gc?.();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < o.maxSamples && (samples.length < o.minSamples || performance.now() - started < o.minTimeMs)) {
    const input = setup();
    const t = performance.now();
    run(input);
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}

/**
 * Machine noise: the same fixed CPU-bound work timed many times. Its spread (max/min) says how
 * much any single figure of this run can be trusted; on a quiet machine it is close to 1.
 */
export function noiseProbe(): Stats {
  const data = JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ['a', 'b', String(i % 7)] })));
  return sample(
    () => {
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += (JSON.parse(data) as unknown[]).length;
      return sum;
    },
    () => undefined,
    { warmup: 5, minSamples: 40, maxSamples: 40 },
  );
}

export function ms(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export interface Contender {
  name: string;
  run: () => unknown;
  /**
   * For a contender that times itself (a figure derived from several runs, such as xmllint's
   * per-document cost): `run` is awaited and its result, in milliseconds, is the sample.
   */
  timesItself?: boolean;
  /**
   * At most this many samples, spread over the rounds (a slow contender need not run every
   * round); a contender that times itself also skips the warm-up rounds (it runs outside this
   * process's JIT).
   */
  maxSamples?: number;
}

/**
 * Times several operations round by round (A, B, C, A, B, C, ... with the order rotated each
 * round), so that a change in machine load hits all of them alike: their ratios stay
 * meaningful on a busy machine even when the absolute figures move.
 */
export async function interleave(contenders: Contender[], rounds: number, warmup = 2): Promise<Map<string, Stats>> {
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let round = -warmup; round < rounds; round++) {
    if (round === 0) gc?.();
    const shift = ((round % contenders.length) + contenders.length) % contenders.length;
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(k + shift) % contenders.length];
      if (c.timesItself && round < 0) continue;
      if (
        c.maxSamples !== undefined &&
        round >= 0 &&
        (round % Math.max(1, Math.floor(rounds / c.maxSamples)) !== 0 || samples.get(c.name)!.length >= c.maxSamples)
      )
        continue;
      // A short pause first: work one contender leaves behind (a worker thread shutting down,
      // concurrent GC) must not be billed to the next one.
      await new Promise((resolve) => setTimeout(resolve, 3));
      const t = performance.now();
      const result = await c.run();
      const elapsed = c.timesItself ? Number(result) : performance.now() - t;
      if (round >= 0) samples.get(c.name)!.push(elapsed);
    }
  }
  return new Map([...samples].map(([name, xs]) => [name, summarize(xs)]));
}
