/**
 * vcd-codegen runtime, transfer: how the bytes of one piece become the body of its `PUT`. By
 * default the piece itself (`bufferedBody`), which every `fetch` takes; a `fetch` that copies a
 * byte body before sending it (undici, Node's: the fetch standard's "a copy of the bytes") holds
 * the piece twice, so the Node entry gives a body that streams the same bytes (`streamedBody` in
 * `transfer/node`).
 */

/** A piece's body, with what `fetch` needs to send it. */
export interface PieceRequestBody {
  readonly body: BodyInit;
  /** `"half"` for a stream body (fetch requires it). */
  readonly duplex?: "half";
  /** Headers the body needs (a stream's `content-length`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Makes the body of a piece's `PUT`; called for each request (a piece sent again gets a new one). */
export type PieceBody = (bytes: Uint8Array) => PieceRequestBody;

/** The piece as it is. */
export const bufferedBody: PieceBody = (bytes) => ({
  body: bytes as Uint8Array<ArrayBuffer>,
});
