/** The modules of the generated package and how generated code names them. */
import type { Namespace } from "../model/ir.js";
import type { ModuleRef } from "./generated-file.js";

/** The runtime's value helpers, imported by every types module as `$`. */
export const RUNTIME_VALUES: ModuleRef = {
  path: "runtime/xml/values",
  ident: "$",
};
export const RUNTIME: ModuleRef = { path: "runtime/index", ident: "$rt" };
/** The client room of the runtime, imported by the stubs as `$c`. */
export const RUNTIME_CLIENT: ModuleRef = {
  path: "runtime/client/index",
  ident: "$c",
};
/** The operations table, imported by the stubs as `$op`. */
export const OPERATIONS: ModuleRef = { path: "operations", ident: "$op" };
/** The schema descriptors (their parts and registry), imported as `$schema`. */
export const SCHEMA_MODULE: ModuleRef = { path: "schema", ident: "$schema" };
/** The documents module, imported by the stubs as `$d`. */
export const DOCUMENT: ModuleRef = { path: "document", ident: "$d" };

/** The types module of a namespace: `vcloud-ext.ts`, imported as `vcloudExt`. */
export function namespaceModule(ns: Namespace): ModuleRef {
  return {
    path: ns.module,
    ident: ns.module.replace(/[^A-Za-z0-9]+([A-Za-z0-9])/g, (_, c: string) =>
      c.toUpperCase(),
    ),
  };
}
