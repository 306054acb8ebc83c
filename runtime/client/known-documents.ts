/**
 * vcd-codegen runtime, client: which documents the client can read. A generated package's
 * descriptors come in parts (see the XML runtime's `schema-parts.ts`): the client loads the parts
 * of an operation's bodies and answers before it writes or reads them, and those its binding names
 * when it is created. A `get` reads the elements it is told (`accept`), else those of the binding:
 * what the client can read never depends on what else the application imported or called.
 */
import {
  loadPart,
  type ElementGroupPart,
  type ElementPart,
  type SchemaPart,
} from "../xml/index.js";
import type { OperationInfo } from "./operation.js";

const loadedOperations = new WeakSet<OperationInfo>();

/** Loads what an operation's bodies and answers need (once: on every later call, one look-up). */
export function loadOperation(operation: OperationInfo): void {
  if (loadedOperations.has(operation)) return;
  for (const shape of operation.requestBodies)
    if (shape.part) loadPart(shape.part);
  for (const shape of operation.responses) if (shape.part) loadPart(shape.part);
  if (operation.anyDocument) loadPart(operation.anyDocument);
  loadedOperations.add(operation);
}

/**
 * Loads `parts` and returns the names of the elements they stand for; undefined for none, or where
 * one is a group (every element): then any element the binding's documents know. A name (a string)
 * is taken as it is: the element must have been loaded by other means (`paginate` names the element
 * of the page it was given, which the client has read).
 */
export function loadRoots(
  parts: readonly (ElementPart | ElementGroupPart | string)[] | undefined,
): ReadonlySet<string> | undefined {
  if (!parts) return undefined;
  const names = new Set<string>();
  let every = false;
  for (const part of parts) {
    if (typeof part === "string") {
      names.add(part);
      continue;
    }
    loadPart(part);
    if (isElement(part)) names.add(part.name);
    else every = true;
  }
  return every ? undefined : names;
}

function isElement(part: SchemaPart): part is ElementPart {
  return "name" in part;
}
