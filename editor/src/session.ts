/**
 * Which scheme is open and which stored version the editor's text started from; opening a
 * version, saving with a message, and the conflict flow when someone else saved meanwhile.
 */
import { createScheme, getVersion, saveVersion, type Version } from "./api/schemes.js";
import { t } from "./i18n.js";
import { ask, choose } from "./ui/dialog.js";
import { notify } from "./ui/notice.js";

/** What the session needs of the editor. */
export interface TextHost {
  getText(): string;
  setText(text: string): void;
}

/** The open scheme and its base version. */
export class Session {
  /** The open scheme's name, or null. */
  scheme: string | null = null;
  /** The version the text was opened from or last saved as. */
  base: Version | null = null;
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly host: TextHost) {}

  /** Calls `f` whenever the scheme or base version changes. */
  onChange(f: () => void): void {
    this.listeners.push(f);
  }

  private changed(): void {
    for (const f of this.listeners) f();
  }

  /** True when the text differs from the base version's. */
  get dirty(): boolean {
    return this.base === null ? this.host.getText().trim() !== "" : this.host.getText() !== this.base.source;
  }

  /** Opens a version (the head by default) into the editor. */
  async open(scheme: string, ref = "head"): Promise<Version> {
    const v = await getVersion(scheme, ref);
    this.scheme = scheme;
    this.base = v;
    this.host.setText(v.source);
    this.changed();
    return v;
  }

  /** Creates a new scheme holding the current text; resolves to false when the user cancels. */
  async createFromText(): Promise<boolean> {
    const name = await ask(t("newScheme"), t("newSchemeName"));
    if (!name) return false;
    const v = await createScheme(name, this.host.getText(), t("newScheme"));
    this.scheme = name;
    this.base = v;
    this.changed();
    return true;
  }

  /** Saves the text as a new version, asking for a message; handles a conflict with the user. */
  async save(messageGiven?: string): Promise<Version | null> {
    if (!this.scheme) return (await this.createFromText()) ? this.base : null;
    const message = messageGiven ?? (await ask(t("save"), t("saveMessage")));
    if (message === null) return null;
    return this.saveOn(this.base?.hash ?? null, message);
  }

  private async saveOn(parent: string | null, message: string): Promise<Version | null> {
    const scheme = this.scheme!;
    const text = this.host.getText();
    const out = await saveVersion(scheme, parent, text, message);
    if (out.kind === "saved") {
      this.base = out.version;
      if (out.version.source !== text) this.host.setText(out.version.source);
      notify(out.created ? t("saved", { seq: out.version.seq, hash: out.version.hash.slice(0, 8) }) : t("unchanged"));
      this.changed();
      return out.version;
    }
    const head = out.head;
    const explain = head
      ? t("conflictText", { author: head.author, seq: head.seq, message: head.message || "—" })
      : out.message;
    const pick = await choose(t("conflictTitle"), explain, [
      { id: "keep", label: t("keepBoth"), primary: true },
      { id: "theirs", label: t("loadTheirs") },
    ]);
    if (pick === "keep") return this.saveOn(head?.hash ?? null, message);
    if (pick === "theirs" && head) {
      this.base = head;
      this.host.setText(head.source);
      this.changed();
    }
    return null;
  }
}
