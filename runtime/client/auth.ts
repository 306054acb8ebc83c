/**
 * vcd-codegen runtime, client: authentication. Login sends `Authorization: Basic
 * base64(user@org:password)`; the server answers with a token in `X-VMWARE-VCLOUD-ACCESS-TOKEN`
 * (a bearer token, with its type in `X-VMWARE-VCLOUD-TOKEN-TYPE`) and/or in
 * `x-vcloud-authorization` (the older session token). The bearer token is preferred.
 */
import type { Credentials, TokenKind } from "./types.js";

/** A token and how to send it. */
export interface AuthToken {
  readonly kind: TokenKind;
  readonly token: string;
  /** The `Authorization` scheme of a bearer token (`Bearer`). */
  readonly scheme: string;
}

/** `Basic base64(user@org:password)`, the UTF-8 bytes encoded (no Node API). */
export function basicAuthorization(credentials: Credentials): string {
  const bytes = new TextEncoder().encode(
    `${credentials.user}@${credentials.org}:${credentials.password}`,
  );
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** The token a login answer carries, the bearer token first; undefined when it has none. */
export function tokenFromHeaders(headers: Headers): AuthToken | undefined {
  const bearer = headers.get("x-vmware-vcloud-access-token");
  if (bearer) {
    const scheme =
      headers.get("x-vmware-vcloud-token-type")?.trim() || "Bearer";
    return { kind: "bearer", token: bearer, scheme };
  }
  const vcloud = headers.get("x-vcloud-authorization");
  if (vcloud) return { kind: "vcloud", token: vcloud, scheme: "" };
  return undefined;
}

/** The token given by the user (`resume`). */
export function userToken(token: string, kind: TokenKind): AuthToken {
  return { kind, token, scheme: kind === "bearer" ? "Bearer" : "" };
}

/** Sets the header that carries the token. */
export function applyToken(
  headers: Headers,
  token: AuthToken | undefined,
): void {
  if (!token) return;
  if (token.kind === "bearer")
    headers.set("authorization", `${token.scheme} ${token.token}`);
  else headers.set("x-vcloud-authorization", token.token);
}

/** The headers that carry a session or credentials, when a user sets them by hand (`headers`). */
const CREDENTIAL_HEADERS = new Set([
  "authorization",
  "cookie",
  "x-vcloud-authorization",
  "x-vmware-vcloud-access-token",
]);

/** Whether hand-set headers carry a session or credentials (then they go where the token may go). */
export function carriesCredentials(
  headers: Readonly<Record<string, string>> | undefined,
): boolean {
  if (!headers) return false;
  for (const name of Object.keys(headers))
    if (CREDENTIAL_HEADERS.has(name.toLowerCase())) return true;
  return false;
}
