/**
 * Loads the sample schemes (`schemes/*.yard`, one scheme per file, named after it) and datasets
 * (`schemes/data/*`) into the store. A scheme or dataset already there is left as it is, so this
 * runs on every start and changes something only on the first.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { Logger } from "pino";
import type { SchemeStore } from "../store/index.js";
import { compileText } from "./compile.js";

/** The actor recorded for sample loading. */
export const SEED_ACTOR = "yardstick (samples)";

function files(dir: string, keep: (name: string) => boolean): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && keep(e.name)).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

/** Saves each sample scheme that the store does not have yet; returns the names loaded. */
export async function seedSchemes(store: SchemeStore, dir: string, log: Logger): Promise<string[]> {
  const loaded: string[] = [];
  for (const file of files(dir, (n) => n.endsWith(".yard"))) {
    const name = basename(file, ".yard");
    if (await store.getScheme(name)) continue;
    const source = readFileSync(join(dir, file), "utf8");
    const compiled = compileText(source, file);
    if (!compiled.program) {
      const first = compiled.diagnostics.find((d) => d.severity === "error");
      log.warn({ file, error: first && `${first.span.line}:${first.span.col}: ${first.message}` }, "sample scheme has errors; not loaded");
      continue;
    }
    const audit = { actor: SEED_ACTOR, action: "scheme.create", detail: { file } };
    const created = await store.createScheme({ name, createdBy: SEED_ACTOR, audit });
    if (!created.ok) continue; // another instance created it meanwhile
    await store.saveVersion({ scheme: name, parent: null, source, author: SEED_ACTOR, message: `sample from schemes/${file}`, audit: { ...audit, action: "version.save" } });
    loaded.push(name);
  }
  return loaded;
}

/**
 * A sample dataset file's name and period: `NAME.ext` is the data of the scheme `NAME.yard` for
 * its period, `NAME.prev.ext` the period before (a year earlier when the period is a year).
 * `periodOf` gives a scheme's period (null when there is no such scheme or it has none).
 */
export function datasetKey(file: string, periodOf: (scheme: string) => string | null): { name: string; period: string } {
  const stem = basename(file, extname(file));
  const previous = stem.endsWith(".prev");
  const name = previous ? stem.slice(0, -".prev".length) : stem;
  const period = periodOf(name) ?? "current";
  if (!previous) return { name, period };
  return { name, period: /^\d+$/.test(period) ? String(Number(period) - 1) : `${period}-prev` };
}

/** The period a sample scheme file declares, or null. */
export function samplePeriod(dir: string, scheme: string): string | null {
  try {
    const header = compileText(readFileSync(join(dir, `${scheme}.yard`), "utf8"), `${scheme}.yard`).checked.ast.header;
    const p = header?.period;
    return p ? String(p.value) : null;
  } catch {
    return null;
  }
}

/** Dataset files under `dir`, by extension. */
export function datasetFiles(dir: string): string[] {
  return files(dir, (n) => /\.(csv|json|xlsx)$/i.test(n));
}
