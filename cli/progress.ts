/**
 * Progress on stderr for long commands: a bar redrawn in place when stderr is a terminal, a
 * line every ten seconds otherwise (logs stay readable), nothing when asked to be quiet.
 */

/** A progress reporter: call with (done, total); `end()` finishes the line. */
export interface ProgressReporter {
  readonly update: (done: number, total: number) => void;
  readonly end: () => void;
}

/** The bar as text: `[#####-----]  50%  5000/10000`. */
export function progressBar(done: number, total: number, width = 30): string {
  const f = total > 0 ? Math.min(1, done / total) : 1;
  const full = Math.round(f * width);
  return `[${"#".repeat(full)}${"-".repeat(width - full)}] ${String(Math.floor(f * 100)).padStart(3)}%  ${done}/${total}`;
}

/** A reporter writing to `stream` (a bar on a TTY, periodic lines elsewhere). */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr, quiet = false, everyMs = 10_000): ProgressReporter {
  if (quiet) return { update: () => {}, end: () => {} };
  let last = 0;
  let drawn = false;
  if (stream.isTTY) {
    return {
      update: (done, total) => {
        const now = Date.now();
        if (done < total && now - last < 100) return;
        last = now;
        drawn = true;
        stream.write(`\r${label} ${progressBar(done, total)}`);
      },
      end: () => { if (drawn) stream.write("\n"); },
    };
  }
  return {
    update: (done, total) => {
      const now = Date.now();
      if (last === 0) { last = now; return; }
      if (now - last < everyMs) return;
      last = now;
      stream.write(`${label}: ${done}/${total} (${Math.floor((done / total) * 100)}%)\n`);
    },
    end: () => {},
  };
}
