/**
 * vcd-codegen runtime: the entry point generated code imports. Each room has its own index:
 * `xml/` (reading, writing and validating documents) and `client/` (calling the API over `fetch`).
 * The simulator (`simulator/`, Node only) is not re-exported here, so that a browser build of the
 * client never pulls it in.
 */
export * from "./xml/index.js";
export * from "./client/index.js";
