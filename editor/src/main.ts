/** The editor's entry point: builds the page and exposes a small handle for tests. */
import { startApp } from "./app.js";

const app = startApp(document.getElementById("app")!);
(window as unknown as { __yard: unknown }).__yard = app.handle;
