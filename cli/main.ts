/**
 * The `yardstick` command line: a thin shell that reads arguments and files, calls the library
 * and prints. One file per command; this one only dispatches.
 */
import { checkCommand } from "./check.js";
import { fmtCommand } from "./fmt.js";
import { serveCommand } from "./serve.js";
import { tokenCommand } from "./token.js";

/** A command: takes its arguments, returns the process exit code. */
export type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  check: { run: checkCommand, usage: "check FILE...            report every error and warning in scheme files" },
  fmt: { run: fmtCommand, usage: "fmt [--check] FILE...     rewrite scheme files in the canonical layout" },
  eval: { run: async (a) => (await import("./eval.js")).evalCommand(a), usage: "eval SCHEME DATA [--prev D] [--format table|json|csv|xlsx] [--out FILE]  score every region" },
  explain: { run: async (a) => (await import("./explain.js")).explainCommand(a), usage: "explain SCHEME DATA REGION [--prev D] [--format text|json]  why a region got its score" },
  schema: { run: async (a) => (await import("./schema.js")).schemaCommand(a), usage: "schema SCHEME             the JSON Schema of a dataset row for the scheme" },
  "export-jsonlogic": { run: async (a) => (await import("./export-jsonlogic.js")).exportJsonLogicCommand(a), usage: "export-jsonlogic SCHEME   typologies, derived values and rule conditions as JSON Logic" },
  diff: { run: async (a) => (await import("./diff.js")).diffCommand(a), usage: "diff OLD NEW [--data D [--prev D]] [--json]  what changed between two versions, and whom it moves" },
  whatif: { run: async (a) => (await import("./whatif.js")).whatifCommand(a), usage: "whatif SCHEME DATA --set PATH.FIELD=VALUE[@TYPE]... [--format table|json]  totals, ranks, grades under changed weights or parameters" },
  sensitivity: { run: async (a) => (await import("./sensitivity.js")).sensitivityCommand(a), usage: "sensitivity SCHEME DATA [--samples N] [--spread P] [--dirichlet K] [--seed S] [--threads N]  rank intervals under random weights" },
  stability: { run: async (a) => (await import("./stability.js")).stabilityCommand(a), usage: "stability SCHEME DATA [--prev D] [--region R] [--node PATH] [--json]  how far each weight can move before a grade or rank changes" },
  reach: { run: async (a) => (await import("./reach.js")).reachCommand(a), usage: "reach SCHEME DATA REGION (--grade G | --rank N [--within T]) [--prev D] [--json]  what a region must reach for a grade or rank" },
  report: { run: async (a) => (await import("./report.js")).reportCommand(a), usage: "report SCHEME DATA [--prev D] [--against OLD] [--out F.pdf|F.html]  the printable bulletin (考核通报)" },
  verify: { run: async (a) => (await import("./verify.js")).verifyCommand(a), usage: "verify RECEIPT.json       re-run an evaluation from its receipt and confirm identical results" },
  serve: { run: serveCommand, usage: "serve [--port N]          run the HTTP API and the editor (PORT, DATA_DIR, DATABASE_URL)" },
  token: { run: tokenCommand, usage: "token create --role R     create an API token (admin|author|auditor|service); also list, revoke ID" },
};

function usage(): string {
  return "usage: yardstick <command> [arguments]\n\ncommands:\n" +
    Object.values(COMMANDS).map((c) => `  ${c.usage}`).join("\n") + "\n";
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`yardstick: unknown command \`${name}\`\n\n${usage()}`);
    return 2;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    // A bug, not bad input: say so plainly; the stack only when asked for.
    process.stderr.write(`yardstick: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env["YARDSTICK_DEBUG"] && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 70;
  },
);
