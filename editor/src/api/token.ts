/**
 * Where the editor's API token comes from: the URL the server prints (`…/#token=yst_…`), kept in
 * this browser and removed from the address bar; or, after a 401, a token the user pastes.
 */
import { t } from "../i18n.js";
import { ask } from "../ui/dialog.js";
import { setApiToken, setUnauthorizedHandler } from "./http.js";

/** Stores a `token` given in the URL's fragment or query, strips it from the address, and asks for one after a 401. */
export function adoptTokenFromUrl(): void {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, "")).get("token");
  const fromQuery = new URLSearchParams(location.search).get("token");
  const token = fromHash ?? fromQuery;
  if (token) {
    setApiToken(token);
    history.replaceState(null, "", location.pathname);
  }
  let asking: Promise<boolean> | null = null;
  setUnauthorizedHandler((message) => {
    asking ??= ask(t("tokenTitle"), `${message}\n${t("tokenAsk")}`).then((v) => {
      asking = null;
      if (!v) return false;
      setApiToken(v);
      return true;
    });
    return asking;
  });
}
