/**
 * vcd-codegen runtime, simulator: credentials from request headers: Basic `user@org:password` for
 * the login, a token (`x-vcloud-authorization: T` or `Authorization: Bearer T`) for the rest.
 */
import type { IncomingHttpHeaders } from "node:http";

export function basicCredentials(
  headers: IncomingHttpHeaders,
): { login: string; password: string } | undefined {
  const m = /^Basic\s+(\S+)\s*$/i.exec(headers.authorization ?? "");
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { login: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function token(headers: IncomingHttpHeaders): string | undefined {
  const vcloud = headers["x-vcloud-authorization"];
  if (typeof vcloud === "string" && vcloud.trim() !== "") return vcloud.trim();
  const m = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "");
  return m ? m[1] : undefined;
}
