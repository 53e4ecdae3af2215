// The unit types live with the input formats (src/check/); live mode imports them from here.
export type { BodyUnit, ProblemUnit, Unit } from '../check/units.js';
