/**
 * Node options of the language server process. The benchmark starts the server with the same
 * options, so its memory figures are the ones users get.
 *
 * An explicit old-space ceiling makes V8 size the young generation for a heap of that size
 * instead of for the machine's memory: measured on 500 open profiles, resident memory drops
 * from ~170 MB to ~125 MB with the same live data. 1 GB is far above what the largest profile
 * (2 MB, thousands of routes) needs, so it is a ceiling, not a constraint.
 *
 * An 8 MB semi-space (the young generation's half) takes that to ~98 MB (five runs, 97.9–99.3
 * against 114.1–124.5 without it) and stops it swinging with the moment V8 collects; opening
 * the 500 profiles and validating a 2 MB profile take no longer (a 4 MB one was slower on the
 * 2 MB profile).
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-old-space-size=1024', '--max-semi-space-size=8'];
