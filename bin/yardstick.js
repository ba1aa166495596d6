#!/usr/bin/env node
// Launches the TypeScript CLI through tsx, so `npx yardstick` works without a build step.
import { register } from "tsx/esm/api";
register();
await import("../cli/main.ts");
