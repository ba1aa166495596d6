/**
 * The `yardstick` command line: a thin shell that reads arguments and files, calls the library
 * and prints. One file per command; this one only dispatches.
 */
import { checkCommand } from "./check.js";
import { fmtCommand } from "./fmt.js";

/** A command: takes its arguments, returns the process exit code. */
export type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  check: { run: checkCommand, usage: "check FILE...            report every error and warning in scheme files" },
  fmt: { run: fmtCommand, usage: "fmt [--check] FILE...     rewrite scheme files in the canonical layout" },
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
