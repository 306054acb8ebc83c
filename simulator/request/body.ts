/**
 * vcd-codegen runtime, simulator: reading a request body as vCD does: the media type names the
 * element; the XML must be well formed, have that root, keep schema order and satisfy every rule of
 * the schema. Each refusal is a 400 whose message names the first problem in vCD's words.
 */
import type { BodyShape } from "../../runtime/client/operation.js";
import type { Document, Violation } from "../../runtime/xml/index.js";
import { badRequest } from "../fault.js";
import type { SimulatorDocuments } from "../binding.js";
import type { ContentModels } from "./content-model.js";
import { checkContentOrder } from "./content-order.js";
import { REQUEST_LIMITS } from "./request-limits.js";
import { parseTree } from "./xml-tree.js";

/** How vCD words what its XML binding (JAXB, over Xerces) refuses. */
export const JAXB_PREFIX = "Bad Request - Unexpected JAXB Exception - ";
const PREFIX = JAXB_PREFIX;

export function readBody(
  documents: SimulatorDocuments,
  models: ContentModels,
  shape: BodyShape,
  text: string,
  /** The version the request asked for: what was added after it is refused. */
  apiVersion?: string,
): Document {
  let doc: Document;
  try {
    doc = documents.fromXml(text, REQUEST_LIMITS);
  } catch (error) {
    const name = (error as Error).name;
    if (name === "UnknownRootError") throw unexpectedRoot(models, text, shape);
    throw badRequest(
      `${PREFIX}org.xml.sax.SAXParseException: ${(error as Error).message}`,
    );
  }
  if (doc.element !== shape.element) throw unexpectedRoot(models, text, shape);
  const structure = checkContentOrder(
    models,
    parseTree(text),
    models.schema.elements[shape.element]?.type ?? shape.type,
  );
  if (structure) throw badRequest(PREFIX + structure);
  const violations = documents.validate(
    doc,
    apiVersion === undefined ? undefined : { apiVersion },
  );
  if (violations.length) throw badRequest(PREFIX + describe(violations[0]));
  return doc;
}

function unexpectedRoot(models: ContentModels, text: string, shape: BodyShape) {
  const root = parseTree(text);
  const colon = shape.element.indexOf(":");
  const uri = models.uriByPrefix.get(shape.element.slice(0, colon)) ?? "";
  return badRequest(
    `${PREFIX}unexpected element (uri:"${root.ns}", local:"${root.local}"). Expected elements are <{${uri}}${shape.element.slice(colon + 1)}>`,
  );
}

/** A violation `validate` reports, in the words of the Xerces rule it corresponds to. */
function describe(v: Violation): string {
  const last = v.path.slice(v.path.lastIndexOf(".") + 1);
  const owner = v.path.split(".").slice(-2, -1)[0] ?? v.path;
  switch (v.rule) {
    case "required":
      return v.expected.startsWith("attribute ")
        ? `cvc-complex-type.4: Attribute '${v.expected.slice(10)}' must appear on element '${owner}'.`
        : `cvc-complex-type.2.4.b: The content of element '${owner}' is not complete. ${v.message}`;
    case "enumeration":
      return `cvc-enumeration-valid: Value of '${last}' is not facet-valid with respect to enumeration '${v.expected}'. (${v.path})`;
    case "pattern":
      return `cvc-pattern-valid: Value of '${last}' is not facet-valid with respect to pattern '${v.expected}'. (${v.path})`;
    case "type":
      return `cvc-datatype-valid.1.2.1: The value of '${last}' is not valid: expected ${v.expected}. (${v.path})`;
    default:
      return `cvc-${v.rule}-valid: ${v.message}`;
  }
}
