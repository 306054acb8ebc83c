/**
 * vcd-codegen runtime, client: the cloudapi login (vCD 10.4 and later). A vCD 10.4 lists
 * `/cloudapi/1.0.0/sessions` as the `LoginUrl` of 36.0 and 37.0, not only of 37.0 (issue 15, "What
 * real servers send"; system administrators: `.../sessions/provider`), and the client follows
 * whatever the server lists for the version it speaks;
 * the answer is a JSON `Session` (the cloudapi OpenAPI's `auth/sessions.yaml`), the token comes in
 * `X-VMWARE-VCLOUD-ACCESS-TOKEN` as for the XML login, and the session ends with
 * `DELETE /cloudapi/1.0.0/sessions/{id}`. Its errors are JSON too (`common/error.yaml`).
 */
import { VcdResponseError, type VcdErrorContext } from "./errors.js";
import type { Exchange } from "./transport.js";
import { sameVersion } from "./versions.js";
import type { CloudapiErrorValue, CloudapiSession } from "./cloudapi-values.js";

export type {
  CloudapiEntityReference,
  CloudapiErrorValue,
  CloudapiSession,
} from "./cloudapi-values.js";

/** The API version from which the cloudapi sessions exist (`x-vcloud-added-in: 33.0`). */
export const CLOUDAPI_SESSIONS_SINCE = "33.0";

/** `application/json;version=37.0`: what the cloudapi takes in `Accept`. */
export function cloudapiAccept(apiVersion: string): string {
  return `application/json;version=${apiVersion}`;
}

/** Whether a (resolved) login URL is a cloudapi one: its path is under `/cloudapi/`. */
export function isCloudapiUrl(url: string): boolean {
  try {
    return /(^|\/)cloudapi(\/|$)/.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** Whether a `Content-Type` is JSON (`application/json`, `application/*+json`). */
export function isJsonMediaType(
  contentType: string | null | undefined,
): boolean {
  const media = (contentType ?? "").split(";")[0].trim().toLowerCase();
  return media === "application/json" || media.endsWith("+json");
}

/** Whether the organization is the provider's (`System`, in any case). */
export function isSystemOrg(org: string): boolean {
  return org.trim().toLowerCase() === "system";
}

/** `.../sessions` → `.../sessions/provider` (the system administrators' login); other URLs as they are. */
export function providerLoginUrl(loginUrl: string): string {
  const url = new URL(loginUrl);
  const path = url.pathname.replace(/\/+$/, "");
  if (!path.endsWith("/sessions")) return loginUrl;
  url.pathname = `${path}/provider`;
  return url.href;
}

/**
 * Where a cloudapi session is deleted: `{sessions}/{id}` beside the login URL (`.../sessions` or
 * `.../sessions/provider`). The id is a URN; its colons stay as they are (a path may hold them).
 * Without an id: `{sessions}/current`.
 */
export function sessionLogoutUrl(
  loginUrl: string,
  id: string | undefined,
): string {
  const url = new URL(loginUrl);
  url.search = "";
  url.hash = "";
  const path = url.pathname.replace(/\/+$/, "").replace(/\/provider$/, "");
  const at = path.indexOf("/cloudapi/");
  const base = path.endsWith("/sessions")
    ? path
    : `${at < 0 ? "" : path.slice(0, at)}/cloudapi/1.0.0/sessions`;
  const segment = id ? encodeURIComponent(id).replace(/%3A/gi, ":") : "current";
  url.pathname = `${base}/${segment}`;
  return url.href;
}

/**
 * The version a cloudapi login asks for: the one the client speaks when the sessions exist in it
 * (33.0 on), else the lowest version from 33.0 the server lists, else the one the client speaks.
 */
export function cloudapiLoginVersion(
  apiVersion: string,
  listed: readonly string[],
): string {
  if (atLeast(apiVersion, CLOUDAPI_SESSIONS_SINCE)) return apiVersion;
  const candidates = listed
    .filter((v) => atLeast(v, CLOUDAPI_SESSIONS_SINCE))
    .sort((a, b) => Number(a) - Number(b));
  return candidates[0] ?? apiVersion;
}

function atLeast(version: string, floor: string): boolean {
  const v = Number(version.trim());
  return (
    (Number.isFinite(v) && v >= Number(floor)) || sameVersion(version, floor)
  );
}

/** The JSON session of a cloudapi login answer (2xx), or a `VcdResponseError`. */
export function readCloudapiSession(
  { url: sent, response, text }: Exchange,
  context: VcdErrorContext,
): CloudapiSession {
  const url = response.url || sent;
  const contentType = response.headers.get("content-type") ?? undefined;
  const unexpected = (problem: string, cause?: unknown) =>
    new VcdResponseError(problem, {
      ...context,
      url,
      status: response.status,
      body: text,
      contentType,
      cause,
    });
  if (text.trim() === "") throw unexpected("no session in the answer");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw unexpected(
      `not JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw unexpected("the session is not a JSON object");
  return value as CloudapiSession;
}

/** The cloudapi error of a JSON error body, or undefined for any other body. */
export function cloudapiErrorValue(
  text: string,
): CloudapiErrorValue | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { minorErrorCode, message, stackTrace } = value as Record<
    string,
    unknown
  >;
  if (typeof message !== "string") return undefined;
  return {
    minorErrorCode: typeof minorErrorCode === "string" ? minorErrorCode : "",
    message,
    ...(typeof stackTrace === "string" ? { stackTrace } : {}),
  };
}
