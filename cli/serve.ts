/** `yardstick serve [--port N] [--host H] [--data-dir D]`: runs the HTTP API (and the editor) until stopped. */
import { serve } from "../server/main.js";
import { splitArgs } from "./files.js";

const FLAGS: Record<string, string> = { port: "PORT", host: "HOST", "data-dir": "DATA_DIR" };

/** Runs `serve`; settings come from the environment (PORT, HOST, DATA_DIR, DATABASE_URL), flags override them. */
export async function serveCommand(args: string[]): Promise<number> {
  const { options, positional, flags } = splitArgs(args, Object.keys(FLAGS));
  const unknown = [...positional, ...[...flags].map((f) => `--${f}`), ...[...options.keys()].filter((k) => !(k in FLAGS)).map((k) => `--${k}`)];
  if (unknown.length > 0) {
    process.stderr.write(`yardstick serve: unexpected \`${unknown[0]}\`\nusage: yardstick serve [--port N] [--host H] [--data-dir D]\n`);
    return 2;
  }
  const env = { ...process.env };
  for (const [flag, name] of Object.entries(FLAGS)) if (options.has(flag)) env[name] = options.get(flag);
  return serve(env);
}
