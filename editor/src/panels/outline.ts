/** The outline beside the editor: the indicator tree with each node's points; a click reveals the node. */
import { num, t } from "../i18n.js";
import type { Analysis, TreeEntry } from "../lang/analysis.js";
import { h, replace } from "../ui/dom.js";

/** Renders the analysis's tree into `root`; `reveal` is called with the clicked node. */
export function renderOutline(root: HTMLElement, a: Analysis, reveal: (n: TreeEntry) => void): void {
  const item = (n: TreeEntry): HTMLElement => h("li", { class: n.kind },
    h("div", { class: "node", "data-path": n.path, title: n.path, onclick: () => reveal(n) },
      h("span", { class: "label" }, n.label),
      h("span", { class: "pts" }, n.points === null ? "" : num(n.points, 2))),
    n.children.length ? h("ul", {}, ...n.children.map(item)) : null);
  const total = a.total === null ? "" : ` · ${num(a.total)}`;
  replace(root, h("div", { class: "panel-title" }, t("outline"), h("span", { class: "muted" }, total)),
    h("ul", { class: "outline", "data-testid": "outline" }, ...a.tree.map(item)));
}
