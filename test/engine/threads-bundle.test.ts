import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freshBundle } from "../../engine/threads/bundle.node.js";

// The entry lives inside the project, as a worker entry does: its bundle finds esbuild and the packages from there.
const dir = join(fileURLToPath(new URL("../../test-artifacts/", import.meta.url)), `bundle-${process.pid}`);
const entry = pathToFileURL(join(dir, "entry.ts"));

function write(name: string, text: string): void {
  writeFileSync(join(dir, name), text);
}

async function load(url: URL, k: number): Promise<{ answer: string }> {
  // A query per load: the module cache would otherwise hand back the first bundle.
  return (await import(`${url.href}?${k}`)) as { answer: string };
}

describe("worker entries bundled from TypeScript", () => {
  mkdirSync(dir, { recursive: true });
  const made: URL[] = [];
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    for (const url of made) for (const f of [fileURLToPath(url), fileURLToPath(url).replace(/\.mjs$/, ".json")]) rmSync(f, { force: true });
  });

  it("bundles the entry with its imports and packages, reuses it while the sources stay, rebuilds when one changes", async () => {
    write("part.ts", `export const part: string = "one";\n`);
    write("entry.ts", `import Ajv from "ajv";\nimport { part } from "./part.js";\nexport const answer: string = part + ":" + typeof Ajv;\n`);
    const first = freshBundle(entry);
    expect(first).not.toBeNull();
    made.push(first!);
    expect((await load(first!, 1)).answer).toBe("one:function");
    // Rebuilding renames a new file into place: the same inode means the bundle was kept.
    const built = statSync(first!).ino;
    const again = freshBundle(entry)!;
    expect(again.href).toBe(first!.href);
    expect(statSync(again).ino).toBe(built);
    write("part.ts", `export const part: string = "two";\n`);
    const changed = freshBundle(entry)!;
    expect(statSync(changed).ino).not.toBe(built);
    expect((await load(changed, 2)).answer).toBe("two:function");
  });

  it("gives null (the worker then starts on tsx) when the entry does not compile", () => {
    write("broken.ts", `export const = ;\n`);
    expect(freshBundle(pathToFileURL(join(dir, "broken.ts")))).toBeNull();
  });
});
