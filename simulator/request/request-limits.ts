/**
 * vcd-codegen runtime, simulator: vCD's limits on a request document, which the XML parser holds
 * while it reads the body. The vCloud API Programming Guide ("Request Limits", 5.5): "Requests
 * cannot contain more than 4096 XML elements. Requests cannot have a depth greater than 100." (and
 * cannot exceed 512 KB: request/body-bytes.ts). The words of vCD's refusal are not documented: the
 * parser's, as a 400 (`... more than 4096 XML elements`, `... nested deeper than 100`).
 */
import type { ReadOptions } from "../../runtime/xml/index.js";

export const MAX_ELEMENTS = 4096;
export const MAX_DEPTH = 100;

/** What a request body is read with. */
export const REQUEST_LIMITS: ReadOptions = {
  maxElements: MAX_ELEMENTS,
  maxDepth: MAX_DEPTH,
};
