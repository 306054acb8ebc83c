/**
 * What the session tests share: the 30.0 package's client and simulator, the error classes the
 * package's client throws (its own copy of the runtime), a middleware that records every request
 * the client sends, and a vApp freshly instantiated (busy while its tasks run).
 */
import type { VcdClient } from "../../runtime/client/client.js";
import type * as Errors from "../../runtime/client/errors.js";
import type { Middleware } from "../../runtime/client/types.js";
import type { Simulator } from "../../simulator/binding.js";
import {
  loadClientPackage,
  loadPackage,
  type ClientPackage,
  type GeneratedPackage,
} from "../helpers/generated-packages.js";

type Value = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The error classes of the generated package (those its client throws). */
export type PackageErrors = Pick<
  typeof Errors,
  | "VcdAbortError"
  | "VcdApiError"
  | "VcdAuthError"
  | "VcdReauthenticationError"
  | "VcdTimeoutError"
>;

export async function sessionPackage(): Promise<{
  pkg: ClientPackage;
  index: GeneratedPackage;
  errors: PackageErrors;
}> {
  const [pkg, index] = await Promise.all([
    loadClientPackage("30.0"),
    loadPackage("30.0"),
  ]);
  return { pkg, index, errors: index as unknown as PackageErrors };
}

/** `METHOD path` of every request the client sent (through its middleware), in order. */
export function requestLog(): {
  readonly sent: string[];
  readonly middleware: Middleware;
} {
  const sent: string[] = [];
  return {
    sent,
    middleware: {
      onRequest({ request }) {
        sent.push(`${request.method} ${new URL(request.url).pathname}`);
      },
    },
  };
}

/** The logins among `sent`: `POST /api/sessions`. */
export function logins(sent: readonly string[]): number {
  return sent.filter((r) => r === "POST /api/sessions").length;
}

/** Instantiates the first catalog item's template in the tenant's first VDC: the new vApp's href (its tasks still running). */
export async function instantiate(
  pkg: ClientPackage,
  client: VcdClient,
  sim: Simulator,
  name: string,
): Promise<string> {
  const vdcs = await client.get(`${sim.url}/query?type=orgVdc`);
  const vdc = ((vdcs.value as Value).Record as Value[])[0].href as string;
  const items = await client.get(`${sim.url}/query?type=catalogItem`);
  const template = ((items.value as Value).Record as Value[])[0]
    .entity as string;
  const created = await pkg.api.instantiateVAppTemplate(
    client,
    { href: `${vdc}/action/instantiateVAppTemplate` },
    { name, Source: { href: template }, AllEULAsAccepted: true },
  );
  return (created.value as Value).href as string;
}
