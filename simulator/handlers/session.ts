/**
 * vcd-codegen runtime, simulator: versions, login and the session. `GET /versions` and the login are
 * open; the login answers a `Session` with its links and the token in both of vCD's headers.
 */
import type { OperationInfo } from "../../runtime/client/operation.js";
import type { Document, SchemaData } from "../../runtime/xml/index.js";
import { versionNumber } from "../versions.js";
import { urn } from "../store/ids.js";
import type { User, Value } from "../store/model.js";
import type { Store } from "../store/store.js";
import type { Ctx, HandlerTable, Reply } from "./context.js";
import type { Hrefs } from "./hrefs.js";
import { MT } from "./media-types.js";

/** vCD lists media type mappings only for versions below 5.7 (versions.xsd says so). */
const LAST_WITH_MAPPINGS = 5.7;

/**
 * `SupportedVersions`: each version with its login URL and, below 5.7, the mapping of every media
 * type the operations answer to its complex type and schema.
 */
export function versionsDocument(
  hrefs: Hrefs,
  versions: readonly string[],
  operations: readonly OperationInfo[],
  schema: SchemaData,
): Document {
  // 36.0's versions.xsd requires ProviderLoginUrl (vCD's CloudAPI provider login); the simulator's
  // providers log in where tenants do, so it names the same URL
  const provider = providerLoginInSchema(schema)
    ? { ProviderLoginUrl: hrefs.abs("/sessions") }
    : {};
  return {
    element: "versioning:SupportedVersions",
    value: {
      VersionInfo: versions.map((Version) => ({
        deprecated: false,
        Version,
        LoginUrl: hrefs.abs("/sessions"),
        ...provider,
        ...(versionNumber(Version) < LAST_WITH_MAPPINGS
          ? { MediaTypeMapping: mediaTypeMappings(hrefs, operations) }
          : {}),
      })),
    },
  };
}

function providerLoginInSchema(schema: SchemaData): boolean {
  const type = schema.types["versioning:VersionInfoType"];
  return (
    type?.kind === "complex" &&
    (type.content?.items ?? []).some(
      (p) => "prop" in p && p.prop === "ProviderLoginUrl",
    )
  );
}

function mediaTypeMappings(
  hrefs: Hrefs,
  operations: readonly OperationInfo[],
): Value[] {
  const byMediaType = new Map<string, string>();
  for (const op of operations)
    for (const r of [...op.responses, ...op.requestBodies])
      if (!byMediaType.has(r.mediaType) && r.mediaType.includes("+xml"))
        byMediaType.set(r.mediaType, r.type.slice(r.type.indexOf(":") + 1));
  return [...byMediaType]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([MediaType, ComplexTypeName]) => ({
      MediaType,
      ComplexTypeName,
      SchemaLocation: hrefs.abs("/v1.5/schema/master.xsd"),
    }));
}

export function sessionValue(store: Store, hrefs: Hrefs, user: User): Value {
  const org = store.orgs.get(user.orgId)!;
  const admin = store.isOrgAdmin(user, user.orgId);
  return {
    user: user.name,
    org: org.name,
    userId: urn("user", user.id),
    roles: user.role,
    locationId: `${org.name}@${org.id}`,
    href: hrefs.abs("/session"),
    type: MT.session,
    Link: [
      ...hrefs.link("down", "GET", "/org", MT.orgList),
      ...hrefs.link("remove", "DELETE", "/session"),
      ...(admin ? hrefs.link("down", "GET", "/admin", MT.adminVCloud) : []),
      ...(store.isSystemAdmin(user)
        ? hrefs.link("down", "GET", "/admin/extension", MT.extension)
        : []),
      ...hrefs.link("down", "GET", hrefs.org(org.id), MT.org, org.name),
      ...hrefs.link("down", "GET", "/query", MT.query),
      ...hrefs.link(
        "entityResolver",
        "GET",
        "/entity",
        "application/vnd.vmware.vcloud.entity+xml",
      ),
    ],
    AuthorizedLocations: {},
  };
}

/** The login's answer: the session, and the token in `x-vcloud-authorization` and as a bearer token. */
export function loginReply(store: Store, hrefs: Hrefs, user: User): Reply {
  const session = store.sessions.open(user.id);
  store.events.record({
    type: "com/vmware/vcloud/event/session/login",
    success: true,
    entity: { kind: "user", id: user.id, name: user.name },
    orgId: user.orgId,
    userId: user.id,
  });
  return {
    status: 200,
    doc: { element: "vcloud:Session", value: sessionValue(store, hrefs, user) },
    headers: {
      "x-vcloud-authorization": session.token,
      "X-VMWARE-VCLOUD-ACCESS-TOKEN": session.token,
      "X-VMWARE-VCLOUD-TOKEN-TYPE": "Bearer",
    },
  };
}

export const sessionHandlers: HandlerTable = {
  "GET /session": {
    handle: (ctx: Ctx) => ({
      status: 200,
      doc: {
        element: "vcloud:Session",
        value: sessionValue(ctx.store, ctx.hrefs, ctx.user),
      },
    }),
  },
  "DELETE /session": {
    handle: (ctx: Ctx) => {
      ctx.store.sessions.end(ctx.session.token);
      return { status: 204 };
    },
  },
};
