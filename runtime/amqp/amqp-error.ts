/**
 * vcd-codegen runtime, amqp: the one error class of the AMQP entry. `kind` says what failed: a
 * body that is no notification or extension request (`bad-message`), the broker (`connection`,
 * after the reconnect budget), `amqplib` missing (`no-client`), a time-out, an abort, or a
 * handler's own failure kept as `cause`.
 */
export type VcdAmqpErrorKind =
  | "bad-message"
  | "bad-routing-key"
  | "connection"
  | "no-client"
  | "timeout"
  | "aborted"
  | "closed"
  | "handler";

export class VcdAmqpError extends Error {
  readonly kind: VcdAmqpErrorKind;
  constructor(
    kind: VcdAmqpErrorKind,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = "VcdAmqpError";
    this.kind = kind;
  }
}
