/** Time and peak memory of each corpus file at an entry point, recorded by the hostile-corpus tests and printed after them. */

const MIB = 1024 * 1024;

/** A measurement: runs `work` and returns its value, after recording its time and peak resident set. */
export type Measured = <T>(entry: string, file: string, work: () => Promise<T>, codeOf: (value: T) => string) => Promise<T>;

/**
 * Returns a measurement that appends one line to `lines` per call: the entry point (padded to `width`), the file,
 * the code it ended with, its time and the highest resident set of this process sampled every 10 ms meanwhile.
 */
export function measurer(lines: string[], width: number): Measured {
  return async (entry, file, work, codeOf) => {
    let peak = process.memoryUsage.rss();
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
    const start = performance.now();
    try {
      const value = await work();
      const ms = performance.now() - start;
      peak = Math.max(peak, process.memoryUsage.rss());
      lines.push(`${entry.padEnd(width)} ${file.padEnd(41)} ${codeOf(value).padEnd(25)} ${(ms / 1000).toFixed(1).padStart(5)} s ${(peak / MIB).toFixed(0).padStart(5)} Mio`);
      return value;
    } finally {
      clearInterval(sampler);
    }
  };
}
