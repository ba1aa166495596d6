/** `npm run bench`: every benchmark, printed with the machine it ran on. */
import { cpus, totalmem } from "node:os";
import { benchFrontEnd } from "./front-end.js";

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`;
}

console.log(`yardstick bench — ${machine()}\n`);
for (const line of benchFrontEnd()) console.log(line);
