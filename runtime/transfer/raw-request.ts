/**
 * vcd-codegen runtime, transfer: one request of raw bytes (a piece's `PUT`, a download's `GET`)
 * through {@link VcdClient.rawAccess}, with the session's token. A 401 logs in again as an API
 * call's would (`rawAccess(url).renew()`, with the client's `reauthenticate`) and the same request
 * is sent once more with the new token; once per refusal. An answer that is not 2xx is a
 * `VcdApiError` (a `VcdAuthError` for a 401), its body read; a 2xx answer is handed back unread.
 */
import type { RawAccess } from "../client/client.js";
import { VcdApiError, VcdAuthError } from "../client/errors.js";
import { bufferedBody, type PieceBody } from "./piece-body.js";

/** The part of a client a transfer needs. */
export interface TransferClient {
  rawAccess(url: string): RawAccess;
}

export interface RawRequest {
  readonly method: "GET" | "PUT";
  /** Headers beyond the token and the client's own (`content-range`, `range`). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
  /** How `body` is handed to fetch (default: as it is). */
  readonly pieceBody?: PieceBody;
  /** Aborts the request (and the wait for a re-login). */
  readonly signal: AbortSignal;
  /** Milliseconds a re-login may be waited for (the piece's time). */
  readonly timeout: number;
}

/** Sends `request` to `url`; resolves with a 2xx answer, else throws its typed error. */
export async function rawRequest(
  client: TransferClient,
  url: string,
  request: RawRequest,
): Promise<Response> {
  const access = client.rawAccess(url);
  let response = await send(access, access.headers, url, request);
  if (response.status === 401) {
    await response.body?.cancel().catch(() => undefined);
    const renewed = await access.renew({
      signal: request.signal,
      timeout: request.timeout,
    });
    if (renewed) response = await send(access, renewed, url, request);
  }
  if (response.status >= 200 && response.status <= 299) return response;
  throw await statusError(response, request.method, url);
}

function send(
  access: RawAccess,
  headers: Headers,
  url: string,
  request: RawRequest,
): Promise<Response> {
  for (const [name, value] of Object.entries(request.headers ?? {}))
    headers.set(name, value);
  // A new body for each request: a stream is read once.
  const body =
    request.body === undefined
      ? undefined
      : (request.pieceBody ?? bufferedBody)(request.body);
  for (const [name, value] of Object.entries(body?.headers ?? {}))
    headers.set(name, value);
  return access.fetch(url, {
    method: request.method,
    headers,
    ...(body && { body: body.body }),
    ...(body?.duplex && { duplex: body.duplex }),
    signal: request.signal,
    // The token is on the request: a redirect is not followed anywhere (vCD's transfer URLs do not redirect).
    redirect: "manual",
  });
}

/** The typed error of an answer that is not 2xx (its body read). */
async function statusError(
  response: Response,
  method: string,
  url: string,
): Promise<VcdApiError> {
  const context = {
    method,
    url,
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    body: await response.text(),
  };
  return response.status === 401
    ? new VcdAuthError(context)
    : new VcdApiError(context);
}
