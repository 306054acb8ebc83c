/** A step of `npm run build`: precompiles the Handlebars templates (templates.ts). */
import { writePrecompiledTemplates } from "./templates.js";

writePrecompiledTemplates();
