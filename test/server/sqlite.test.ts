/** The server suite on the embedded SQLite store (always runs). */
import { defineServerSuite } from "./suite.js";
import { sqliteHarness } from "./support.js";

defineServerSuite(sqliteHarness);
