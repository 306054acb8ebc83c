/**
 * vcd-codegen runtime, client: the entity resolver. vCD answers `GET /api/entity/{urn}` with a
 * `vcloud:Entity` whose `alternate` link is the object's own href and media type (vCloud API
 * Programming Guide 5.5, "Retrieve an Object as an Entity", p. 362; chapter 10 "Example:
 * Notification Message Format": a notification's EntityLink ids appended to its `entityResolver`
 * href, `GET https://vcloud.example.com/api/entity/urn:vcloud:blockingtask:25`).
 * {@link resolveEntity} makes both requests: the Entity, then the document it stands for.
 */
import type { Document, ElementGroupPart, ElementPart } from "../xml/index.js";
import type { DocumentOfPart, VcdClient } from "./client.js";
import { VcdRequestError, VcdResponseError } from "./errors.js";
import { findLink, type LinkLike } from "./links.js";
import type { CallOptions, Reply } from "./types.js";

export interface ResolveEntityOptions extends CallOptions {
  /**
   * The resolver's href, as a notification's `entityResolver` link gives it
   * (`https://vcd.example.com/api/entity/`); default `{baseUrl}/entity/`.
   */
  readonly resolver?: string;
  /** The elements the entity's document may be (as `get`'s `accept`); default any the client reads. */
  readonly accept?: readonly (ElementPart | ElementGroupPart)[];
  /**
   * What reads the `vcloud:Entity` answer: a bare client passes `[EntitySchema]` (a package's
   * `createClient` reads it already).
   */
  readonly entityAccept?: readonly (ElementPart | ElementGroupPart)[];
}

/** What {@link resolveEntity} found: the Entity, its `alternate` link, and the document there. */
export interface ResolvedEntity<D extends Document = Document> {
  readonly entity: Reply<Document>;
  readonly alternate: LinkLike;
  readonly document: Reply<D>;
}

/** A URN as vCD writes them: `urn:vcloud:<kind>:<id>` (no `/`, `?`, `#` or spaces). */
const URN = /^urn:[A-Za-z0-9]+:[A-Za-z0-9]+:[^\s/?#]+$/;

/**
 * Resolves `urn` (`urn:vcloud:vapp:<uuid>`, a notification's `entity`): the `vcloud:Entity`, then
 * the document its `alternate` link leads to, typed by `accept` when given. A string that is no
 * URN is a `VcdRequestError` before anything is sent; an Entity without an `alternate` link a
 * `VcdResponseError`; the server's refusals (404 for a URN naming nothing, 403) the client's
 * usual `VcdApiError`.
 */
export function resolveEntity<P extends ElementPart>(
  client: VcdClient,
  urn: string,
  options: ResolveEntityOptions & { readonly accept: readonly P[] },
): Promise<ResolvedEntity<DocumentOfPart<P>>>;
export function resolveEntity<D extends Document = Document>(
  client: VcdClient,
  urn: string,
  options?: ResolveEntityOptions,
): Promise<ResolvedEntity<D>>;
export async function resolveEntity(
  client: VcdClient,
  urn: string,
  options: ResolveEntityOptions = {},
): Promise<ResolvedEntity> {
  const { resolver, accept, entityAccept, ...call } = options;
  const base = resolver ?? `${client.baseUrl}/entity/`;
  const url = `${base}${base.endsWith("/") ? "" : "/"}${urn}`;
  if (!URN.test(urn))
    throw new VcdRequestError(
      `resolveEntity: "${urn}" is not a URN of the form urn:vcloud:<kind>:<id>`,
      { method: "GET", url },
    );
  const entity = await client.get(url, {
    ...call,
    ...(entityAccept ? { accept: entityAccept } : {}),
  });
  if (entity.element !== "vcloud:Entity")
    throw new VcdResponseError(
      `resolveEntity: ${entity.element ?? "no document"}, not vcloud:Entity`,
      { method: "GET", url, status: entity.status, body: "" },
    );
  const alternate = findLink(
    entity.value as { readonly Link?: readonly LinkLike[] },
    "alternate",
  );
  if (!alternate)
    throw new VcdResponseError(
      `resolveEntity: the Entity of ${urn} has no alternate link`,
      { method: "GET", url, status: entity.status, body: "" },
    );
  const document = await client.get(alternate, {
    ...call,
    ...(accept ? { accept } : {}),
  });
  return { entity, alternate, document };
}
