/** JSON Logic export: typologies, derived values and rule conditions for other systems to evaluate. */
export { exportJsonLogic, truthy, type JsonLogicExport, type Unsupported } from "./export.js";
export type { Logic } from "./logic.js";
