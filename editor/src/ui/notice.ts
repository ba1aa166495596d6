/** The notice line under the toolbar: progress, confirmations and errors in words. */
import { t } from "../i18n.js";
import { h, replace } from "./dom.js";

let root: HTMLElement | null = null;
let busy = 0;

/** Attaches the notice line to an element. */
export function mountNotice(el: HTMLElement): void {
  root = el;
}

/** Shows a message: `info` fades after a while, `error` stays until replaced or closed. */
export function notify(message: string, kind: "info" | "error" = "info"): void {
  if (!root) return;
  const close = h("button", { class: "link", onclick: () => replace(root!), "aria-label": t("close") }, "×");
  replace(root, h("div", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status", "data-testid": `notice-${kind}` },
    h("span", { class: "text" }, message), close));
  if (kind === "info") {
    const shown = root.firstElementChild;
    setTimeout(() => {
      if (root?.firstElementChild === shown) replace(root!);
    }, 6000);
  }
}

/** Shows an error (an `ApiError`'s words, or any other error's message). */
export function notifyError(e: unknown): void {
  notify(e instanceof Error ? e.message : String(e), "error");
}

/** Runs a long operation with a progress indicator on `el` (and the page's busy cursor). */
export async function withProgress<T>(el: HTMLElement | null, work: () => Promise<T>, label = t("progress")): Promise<T> {
  busy++;
  document.body.classList.add("busy");
  const bar = h("div", { class: "progress", role: "progressbar", "data-testid": "progress" }, h("span", { class: "spinner" }), label);
  el?.prepend(bar);
  try {
    return await work();
  } finally {
    bar.remove();
    if (--busy === 0) document.body.classList.remove("busy");
  }
}
