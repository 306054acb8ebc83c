/**
 * vcd-codegen runtime, transfer: the API calls a transfer makes, through the links vCD gives (the
 * catalog's `add` link for templates and media, a template's `enable` download link, a task's
 * `task:cancel`) and the client's operations table, as a generated stub would make them: the body
 * validated and written at the version spoken, the answer read as its operation declares.
 */
import type { VcdClient } from "../client/client.js";
import { VcdRequestError } from "../client/errors.js";
import { findLink, operationForLink, type HasLinks } from "../client/links.js";
import type { Document } from "../xml/index.js";

/**
 * Refuses, before anything is sent, a client without an operations table (`createBareClient`'s):
 * a transfer follows links through it, and reads what it has no `accept` for.
 */
export function needsOperations(client: VcdClient, call: string): void {
  if (client.operations.length === 0)
    throw new VcdRequestError(
      `${call}: a transfer needs a package's createClient, whose operations table it reads; a bare client (createBareClient) has none`,
    );
}

/** Calls the operation the value's link of `rel` (and media type) leads to, with `body`. */
export async function followAction(
  client: VcdClient,
  value: HasLinks,
  rel: string,
  mediaType: string | undefined,
  body: Document | undefined,
  signal: AbortSignal,
): Promise<Document> {
  const link = findLink(value, rel, mediaType);
  if (!link)
    throw new VcdRequestError(
      `no link rel="${rel}"${mediaType ? ` of type ${mediaType}` : ""} (the server leaves out what the user may not do)`,
      { url: (value as { href?: string }).href },
    );
  const operation = operationForLink(client.operations, link, client.baseUrl);
  if (!operation)
    throw new VcdRequestError(
      `no operation of the client's for ${link.href} (rel="${rel}"): a transfer needs a package's createClient, whose operations table it reads`,
      { url: link.href },
    );
  return client.call(operation, link, body, { signal });
}

/** A document's value (a stub's reply), or the value as it is. */
export function valueOf<V extends object = HasLinks>(value: V | Document): V {
  return "element" in value && "value" in value
    ? (value.value as V)
    : (value as V);
}
