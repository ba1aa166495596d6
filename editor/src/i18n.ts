/**
 * The editor's words in Chinese (default) and English. `t(key)` looks a phrase up in the current
 * language; `onLanguage` lets each panel redraw its text when the user switches.
 */
import { EN, ZH } from "./i18n-words.js";

/** A language the UI speaks. */
export type Lang = "zh" | "en";
/** A phrase's key. */
export type WordKey = keyof typeof ZH;

const STORAGE_KEY = "yardstick.lang";
let current: Lang = readStored();
const listeners: (() => void)[] = [];

function readStored(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

/** The current language. */
export function lang(): Lang {
  return current;
}

/** Switches the language and redraws every panel that listens. */
export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
  for (const f of listeners) f();
}

/** Registers a redraw to run on every language switch. */
export function onLanguage(f: () => void): void {
  listeners.push(f);
}

/** A phrase in the current language; `{name}` placeholders are filled from `vars`. */
export function t(key: WordKey, vars: Readonly<Record<string, string | number>> = {}): string {
  const table: Record<WordKey, string> = current === "zh" ? ZH : EN;
  return table[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** A number for display: at most `digits` decimals, no trailing zeros. */
export function num(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return String(Math.round(x * 10 ** digits) / 10 ** digits);
}
