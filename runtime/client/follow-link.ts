/**
 * vcd-codegen runtime, client: calling what a link leads to. vCD documents say what can be done
 * next through their `Link`s; {@link followLink} finds the operation a link means (by its href
 * and rel, see `operationForLink`) and calls it, as its stub would.
 */
import type { Document } from "../xml/index.js";
import type { VcdClient } from "./client.js";
import { VcdRequestError } from "./errors.js";
import { operationForLink, type LinkLike } from "./links.js";
import type { CallOptions, NoContent, Reply } from "./types.js";

/**
 * Calls the operation `link` leads to (`rel="power:powerOn"` -> `POST .../power/action/powerOn`,
 * `rel="edit"` -> the PUT of its href, taking `body`). A link that leads to no operation of the
 * package is a `VcdRequestError`, before anything is sent.
 */
export function followLink(
  client: VcdClient,
  link: LinkLike,
  body?: Document | object,
  options?: CallOptions,
): Promise<Reply<Document | NoContent>> {
  if (client.operations.length === 0)
    return Promise.reject(
      new VcdRequestError(
        `followLink: this client has no operations table to find rel="${link.rel}" in (a bare client): call the link's stub, or use a client with the whole table (createClient)`,
        { url: link.href },
      ),
    );
  const operation = operationForLink(client.operations, link, client.baseUrl);
  if (!operation)
    return Promise.reject(
      new VcdRequestError(
        `no operation of this package answers rel="${link.rel}" at ${link.href}`,
        { url: link.href },
      ),
    );
  return client.call(operation, link, body, options);
}
