/** Raw HTTP against the simulator (node's fetch, not a vCD client), with the parts tests assert on. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

export const ACCEPT = "application/*+xml;version=30.0";

export async function raw(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  } = {},
): Promise<RawResponse> {
  const response = await fetch(url, {
    method: init.method ?? "GET",
    headers: init.headers,
    body: init.body,
    signal: AbortSignal.timeout(10_000),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: await response.text(),
  };
}

export const basic = (login: string, password: string): string =>
  `Basic ${Buffer.from(`${login}:${password}`).toString("base64")}`;

/** Logs in and returns the headers for later requests. */
export async function login(
  base: string,
  user: { org: string; name: string; password: string },
): Promise<Record<string, string>> {
  const r = await raw(`${base}/sessions`, {
    method: "POST",
    headers: {
      Accept: ACCEPT,
      Authorization: basic(`${user.name}@${user.org}`, user.password),
    },
  });
  if (r.status !== 200)
    throw new Error(`login ${user.name}: ${r.status} ${r.body}`);
  return {
    Accept: ACCEPT,
    "x-vcloud-authorization": r.headers.get("x-vcloud-authorization")!,
  };
}
