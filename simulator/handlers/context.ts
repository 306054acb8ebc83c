/**
 * vcd-codegen runtime, simulator: what a handler gets (the operation, its parameters, the logged-in
 * user, the body read and checked) and what it returns (a status and a document, or nothing).
 */
import type {
  BodyShape,
  OperationInfo,
} from "../../runtime/client/operation.js";
import type { Document } from "../../runtime/xml/index.js";
import type { SimulatorBinding } from "../binding.js";
import type { User } from "../store/model.js";
import type { DiskRules } from "../store/disks.js";
import type { Session } from "../store/sessions.js";
import type { Store } from "../store/store.js";
import type { VAppRules } from "../store/vapps.js";
import type { Transfers } from "../transfer/transfers.js";
import type { Extensibility } from "../extensibility.js";
import type { Hrefs } from "./hrefs.js";
import type { MinimalInstances } from "./minimal.js";

export interface Ctx {
  readonly op: OperationInfo;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly user: User;
  readonly session: Session;
  readonly body: Document | undefined;
  readonly store: Store;
  readonly rules: VAppRules;
  readonly disks: DiskRules;
  readonly hrefs: Hrefs;
  readonly binding: SimulatorBinding;
  /** The transfer service's transfers (uploads and downloads). */
  readonly transfers: Transfers;
  /** Minimal valid documents (what operations outside the stateful core answer). */
  readonly minimal: MinimalInstances;
  /** The AMQP side: notifications published, blocking tasks, extension services. */
  readonly extensibility: Extensibility;
}

export interface Reply {
  readonly status: number;
  readonly doc?: Document;
  /** Default: the operation's response media type for the element, or the element's own. */
  readonly mediaType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Bytes sent as they are (the XSD files), instead of a document. */
  readonly raw?: { readonly contentType: string; readonly body: Buffer };
}

/** A handler answers at once, or (one that waits on the broker: an extension's reply, a test of the AMQP settings) later. */
export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

export interface HandlerEntry {
  readonly handle: Handler;
  /** The body it reads, where the operations table declares none (`PUT .../virtualHardwareSection/cpu`). */
  readonly body?: BodyShape;
}

/** Handlers by `METHOD path-template` (the table's path, without a trailing slash). */
export type HandlerTable = Readonly<Record<string, HandlerEntry>>;

export const ok = (
  element: string,
  value: unknown,
  mediaType?: string,
): Reply => ({
  status: 200,
  doc: { element, value },
  ...(mediaType ? { mediaType } : {}),
});

/** The body's value (the server has checked that the element is the one the operation takes). */
export function bodyValue(ctx: Ctx): Record<string, unknown> {
  return (ctx.body?.value ?? {}) as Record<string, unknown>;
}
