/** Timing helpers for the benchmarks: warm up, repeat, report the median and the spread. */
import { performance } from "node:perf_hooks";

/** Median, min and max milliseconds of `runs` calls after `warmup` unmeasured ones. */
export interface Timing { readonly median: number; readonly min: number; readonly max: number; readonly runs: number }

/** Times a synchronous function. */
export function time(f: () => unknown, runs = 15, warmup = 3): Timing {
  for (let i = 0; i < warmup; i++) f();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(runs / 2)]!, min: samples[0]!, max: samples[runs - 1]!, runs };
}

/** `12.3 ms (min 11.9, max 14.0, 15 runs)`. */
export function show(t: Timing): string {
  return `${t.median.toFixed(2)} ms (min ${t.min.toFixed(2)}, max ${t.max.toFixed(2)}, ${t.runs} runs)`;
}
