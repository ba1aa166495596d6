/** The problems list under the editor: every diagnostic with its place; a click moves the cursor there. */
import type { Diagnostic } from "../../../dsl/index.js";
import { t } from "../i18n.js";
import { h, replace } from "../ui/dom.js";

/** Renders diagnostics into `root`; `reveal` is called with the clicked diagnostic. */
export function renderProblems(root: HTMLElement, diagnostics: readonly Diagnostic[], reveal: (d: Diagnostic) => void): void {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const header = h("div", { class: "panel-title" }, t("problems"), " ",
    h("span", { class: "muted", "data-testid": "problem-count" }, diagnostics.length ? t("errorsWarnings", { errors, warnings: diagnostics.length - errors }) : t("noProblems")));
  const list = h("ul", { class: "problems", "data-testid": "problems" });
  for (const d of diagnostics) {
    list.append(h("li", { class: `problem ${d.severity}`, "data-line": d.span.line, "data-col": d.span.col, onclick: () => reveal(d) },
      h("span", { class: "sev" }, d.severity === "error" ? t("error") : t("warning")),
      h("span", { class: "msg" }, d.message, d.help ? h("span", { class: "help" }, ` — ${d.help}`) : null),
      h("span", { class: "where" }, `${d.span.line}:${d.span.col}`),
      h("span", { class: "code" }, d.code)));
  }
  replace(root, header, list);
}
