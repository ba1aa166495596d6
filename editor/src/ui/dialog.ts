/** Modal dialogs: a choice between buttons, and a one-line text question. */
import { t } from "../i18n.js";
import { h } from "./dom.js";

/** One button of a dialog. */
export interface Choice<T extends string> {
  readonly id: T;
  readonly label: string;
  readonly primary?: boolean;
}

function open(title: string, body: HTMLElement[], buttons: HTMLElement[]): HTMLElement {
  const box = h("div", { class: "dialog", role: "dialog", "aria-modal": "true", "data-testid": "dialog" },
    h("h3", {}, title), ...body, h("div", { class: "dialog-buttons" }, ...buttons));
  const backdrop = h("div", { class: "backdrop" }, box);
  document.body.append(backdrop);
  return backdrop;
}

/** Shows a message with buttons; resolves to the chosen button's id, or null when dismissed. */
export function choose<T extends string>(title: string, text: string, choices: readonly Choice<T>[]): Promise<T | null> {
  return new Promise((resolve) => {
    let backdrop: HTMLElement | null = null;
    const done = (v: T | null): void => {
      backdrop?.remove();
      resolve(v);
    };
    const buttons = choices.map((c) => h("button", { class: c.primary ? "primary" : "", "data-choice": c.id, onclick: () => done(c.id) }, c.label));
    buttons.push(h("button", { "data-choice": "cancel", onclick: () => done(null) }, t("cancel")));
    backdrop = open(title, [h("p", { class: "dialog-text" }, text)], buttons);
  });
}

/** Asks for one line of text; resolves to it (trimmed), or null when cancelled. */
export function ask(title: string, label: string, initial = ""): Promise<string | null> {
  return new Promise((resolve) => {
    const input = h("input", { type: "text", value: initial, "data-testid": "dialog-input" });
    let backdrop: HTMLElement | null = null;
    const done = (v: string | null): void => {
      backdrop?.remove();
      resolve(v === null ? null : v.trim());
    };
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") done(input.value);
      if (e.key === "Escape") done(null);
    });
    backdrop = open(title, [h("label", { class: "dialog-label" }, label, input)], [
      h("button", { class: "primary", "data-choice": "ok", onclick: () => done(input.value) }, "OK"),
      h("button", { "data-choice": "cancel", onclick: () => done(null) }, t("cancel")),
    ]);
    input.focus();
  });
}
