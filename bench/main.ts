/**
 * `npm run bench`: every benchmark, printed with the machine it ran on. `--quick` skips the
 * slowest parts (peak memory at 100× in child processes, CSV ingestion at scale).
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

console.log(`yardstick bench — ${machine()}\n`);
print(benchFrontEnd());
print(await benchCounty(quick ? { memory: false, csv: false } : {}));
print(await benchWhatIf());
print(await benchStability());
