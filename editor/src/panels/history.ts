/** The versions view: the open scheme's history, newest first, with open and compare actions. */
import { history, type VersionInfo } from "../api/schemes.js";
import { onLanguage, t } from "../i18n.js";
import type { Session } from "../session.js";
import { h, replace } from "../ui/dom.js";
import { notifyError, withProgress } from "../ui/notice.js";

/** What the history view asks the page to do. */
export interface HistoryActions {
  open(v: VersionInfo): void;
  compare(older: VersionInfo, newer: VersionInfo): void;
}

/** The history view: `refresh()` reloads the list. */
export function createHistoryView(session: Session, actions: HistoryActions): { root: HTMLElement; refresh(): Promise<void> } {
  const root = h("div", { class: "view history-view" });
  let versions: VersionInfo[] = [];
  const draw = (): void => {
    if (!session.scheme) return replace(root, h("p", { class: "empty" }, t("needScheme")));
    const rows = versions.map((v, i) => h("tr", { "data-seq": v.seq },
      h("td", {}, `#${v.seq}`), h("td", { class: "mono" }, v.hash.slice(0, 10)),
      h("td", {}, new Date(v.createdAt).toLocaleString()), h("td", {}, v.author), h("td", { class: "msg" }, v.message),
      h("td", {},
        h("button", { onclick: () => actions.open(v) }, t("open")),
        i + 1 < versions.length ? h("button", { "data-testid": `compare-${v.seq}`, onclick: () => actions.compare(versions[i + 1]!, v) }, `${t("compareWith")} #${versions[i + 1]!.seq}`) : null)));
    replace(root, h("h2", {}, `${t("history")} · ${session.scheme}`),
      versions.length === 0 ? h("p", { class: "empty" }, t("noVersions")) : h("table", { class: "grid", "data-testid": "history" },
        h("thead", {}, h("tr", {}, h("th", {}, t("seq")), h("th", {}, "hash"), h("th", {}, t("time")), h("th", {}, t("author")), h("th", {}, t("message")), h("th", {}))),
        h("tbody", {}, ...rows)));
  };
  const refresh = async (): Promise<void> => {
    if (!session.scheme) return draw();
    try {
      versions = await withProgress(root, () => history(session.scheme!));
    } catch (e) {
      notifyError(e);
    }
    draw();
  };
  onLanguage(draw);
  return { root, refresh };
}
