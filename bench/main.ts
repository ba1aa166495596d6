/**
 * `npm run bench`: every benchmark, printed with the machine it ran on. `--quick` skips the
 * slowest parts (peak memory at 100× in child processes, CSV ingestion at scale); `--only NAME`
 * (front-end, county, whatif, stability; repeatable) runs just those sections.
 */
import { cpus, loadavg, totalmem } from "node:os";
import { benchCounty } from "./county.js";
import { benchFrontEnd } from "./front-end.js";
import { benchStability } from "./stability.js";
import { benchWhatIf } from "./whatif.js";

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`;
}

const quick = process.argv.includes("--quick");
const print = (lines: string | readonly string[]) => console.log(`${typeof lines === "string" ? lines : lines.join("\n")}\n`);

const SECTIONS = ["front-end", "county", "whatif", "stability"] as const;
const only = process.argv.flatMap((a, i) => (process.argv[i - 1] === "--only" ? [a] : []));
const unknown = only.filter((o) => !(SECTIONS as readonly string[]).includes(o));
if (unknown.length) {
  console.error(`bench: unknown section ${unknown.join(", ")}; the sections are ${SECTIONS.join(", ")}`);
  process.exit(2);
}
const runs = (name: (typeof SECTIONS)[number]) => only.length === 0 || only.includes(name);

console.log(`yardstick bench — ${machine()}\n`);
if (runs("front-end")) print(benchFrontEnd());
if (runs("county")) print(await benchCounty(quick ? { memory: false, csv: false } : {}));
if (runs("whatif")) print(await benchWhatIf());
if (runs("stability")) print(await benchStability());
