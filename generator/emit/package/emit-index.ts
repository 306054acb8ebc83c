/** `index`: the package's entry point, re-exporting every module (the same text as .ts, .js and .d.ts, less type exports in .js). */
import type { Namespace } from "../../model/ir.js";
import { namespaceModule } from "../modules.js";

/** The runtime's error classes (for `instanceof` checks) and the documents of one element, re-exported by name. */
const RUNTIME_EXPORTS = [
  "UnexpectedRootError",
  "UnknownRootError",
  "ValidationError",
  "XmlCharError",
  "XmlParseError",
  "readElement",
  "validateElement",
  "writeElement",
];

/** What the client runtime gives users directly: its errors, task waiting and links (findLink and findLinks come typed from `links.ts`). */
const CLIENT_EXPORTS = [
  "VcdAbortError",
  "VcdAnswerTooLargeError",
  "VcdApiError",
  "VcdAuthError",
  "VcdError",
  "VcdNetworkError",
  "VcdNotAcceptableError",
  "VcdReauthenticationError",
  "VcdRedirectError",
  "VcdRequestError",
  "VcdResponseError",
  "VcdTaskError",
  "VcdTimeoutError",
  "VcdUnsupportedMediaTypeError",
  "VcdVersionError",
  "followLink",
  "idOf",
  "operationForLink",
  "paginate",
  "resolveEntity",
  "where",
  "waitForTask",
  "waitForTasks",
];

/** The client runtime's types a user names in their own code. */
const CLIENT_TYPES = [
  "CallOptions",
  "Filter",
  "FilterValue",
  "ClientOptions",
  "CloudapiSession",
  "Credentials",
  "LoginSession",
  "Middleware",
  "NoContent",
  "Reply",
  "ResolveEntityOptions",
  "ResolvedEntity",
  "RetryOptions",
];

export function indexSource(
  header: string,
  namespaces: readonly Namespace[],
  withClient: boolean,
  rendering: "ts" | "js" | "d.ts",
  withQuery = false,
): string {
  const lines = namespaces.map((ns) => {
    const module = namespaceModule(ns);
    return `export * as ${module.ident} from "./${module.path}.js";`;
  });
  lines.push(
    `export * from "./elements.js";`,
    `export * from "./document.js";`,
    `export * as runtime from "./runtime/index.js";`,
    `export {\n${RUNTIME_EXPORTS.map((name) => `  ${name},\n`).join("")}} from "./runtime/index.js";`,
  );
  if (withClient)
    lines.push(
      `export * from "./client.js";`,
      ...(withQuery ? [`export * from "./query.js";`] : []),
      `export * as api from "./api/index.js";`,
      `export { operations } from "./operations.js";`,
      `export { findLink, findLinks } from "./links.js";`,
      ...(rendering === "js"
        ? []
        : [`export type { LinkMediaType, LinkRel } from "./links.js";`]),
      `export {\n${CLIENT_EXPORTS.map((name) => `  ${name},\n`).join("")}} from "./runtime/client/index.js";`,
      ...(rendering === "js"
        ? []
        : [
            `export type {\n${CLIENT_TYPES.map((name) => `  ${name},\n`).join("")}} from "./runtime/client/index.js";`,
          ]),
      `export { RUNTIME_VERSION } from "./runtime/version.js";`,
    );
  return `${header.trimEnd()}\n\n${lines.join("\n")}\n`;
}
