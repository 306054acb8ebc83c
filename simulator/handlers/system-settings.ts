/**
 * vcd-codegen runtime, simulator: the system settings documents of the provider API
 * (`/admin/extension/settings/...`: general, LDAP, email, licence, branding, password
 * policy, Kerberos, catalog, operation limits): a PUT keeps the document as sent (without its href,
 * type and links) and answers it, a GET answers what was last PUT, or until then the minimal
 * document of its type; `GET /admin/extension/settings` (`SystemSettings`) holds each of them as
 * kept. The system administrator only (the `extension` tag: the pipeline's 403 for anyone else).
 * vCloud API Programming Guide, "Retrieve or Modify System Settings": each is read by its link from
 * `SystemSettings` and changed by a PUT of the whole document. The AMQP and blocking-task settings
 * are not kept here.
 */
import type { Value } from "../store/model.js";
import { without } from "../store/without.js";
import {
  bodyValue,
  type Ctx,
  type HandlerTable,
  type Reply,
} from "./context.js";

const ROOT = "/admin/extension/settings";

/**
 * Each kept document: its path under ROOT, its element, and its property in `SystemSettings`.
 * Not the notifications, AMQP and blocking-task settings: the simulator acts on those
 * (handlers/amqp-settings.ts, handlers/blocking-tasks.ts).
 */
const SETTINGS: readonly {
  readonly path: string;
  readonly element: string;
  readonly property: string;
}[] = [
  {
    path: "general",
    element: "vmext:GeneralSettings",
    property: "GeneralSettings",
  },
  {
    path: "ldapSettings",
    element: "vmext:LdapSettings",
    property: "LdapSettings",
  },
  { path: "email", element: "vmext:EmailSettings", property: "EmailSettings" },
  { path: "license", element: "vmext:License", property: "License" },
  {
    path: "branding",
    element: "vmext:BrandingSettings",
    property: "BrandingSettings",
  },
  {
    path: "passwordPolicy",
    element: "vmext:SystemPasswordPolicySettings",
    property: "PasswordPolicySettings",
  },
  {
    path: "kerberosSettings",
    element: "vmext:KerberosSettings",
    property: "KerberosSettings",
  },
  {
    path: "catalog",
    element: "vmext:CatalogSettings",
    property: "CatalogSettings",
  },
  {
    path: "operationLimitsSettings",
    element: "vmext:OperationLimitsSettings",
    property: "OperationLimitsSettings",
  },
];

/** The operation's declared media type for its answer (the settings' own). */
const mediaTypeOf = (ctx: Ctx): string | undefined =>
  ctx.op.responses[0]?.mediaType;

/** The kept document at `path`, or the minimal one of `element`, with its href and type. */
function current(
  ctx: Ctx,
  path: string,
  element: string,
  type?: string,
): Value {
  const kept = ctx.store.settings.get(path);
  const value = (kept ?? ctx.minimal.element(element)?.value ?? {}) as Value;
  return {
    ...without(value, "href", "type", "Link"),
    href: ctx.hrefs.abs(`${ROOT}/${path}`),
    ...(type ? { type } : {}),
  };
}

function reply(ctx: Ctx, element: string, value: Value): Reply {
  const mediaType = mediaTypeOf(ctx);
  return {
    status: 200,
    doc: { element, value },
    ...(mediaType ? { mediaType } : {}),
  };
}

export const systemSettingsHandlers: HandlerTable = {
  "GET /admin/extension/settings": {
    handle: (ctx) => {
      const root = (ctx.minimal.element("vmext:SystemSettings")?.value ??
        {}) as Value;
      const value: Value = {
        ...without(root, "href", "type", "Link"),
        href: ctx.hrefs.abs(ROOT),
      };
      for (const s of SETTINGS)
        if (ctx.store.settings.has(s.path))
          value[s.property] = current(ctx, s.path, s.element);
      return reply(ctx, "vmext:SystemSettings", value);
    },
  },
  ...Object.fromEntries(
    SETTINGS.flatMap((s) => [
      [
        `GET ${ROOT}/${s.path}`,
        {
          handle: (ctx: Ctx) =>
            reply(
              ctx,
              s.element,
              current(ctx, s.path, s.element, mediaTypeOf(ctx)),
            ),
        },
      ],
      [
        `PUT ${ROOT}/${s.path}`,
        {
          handle: (ctx: Ctx) => {
            ctx.store.settings.set(
              s.path,
              without(bodyValue(ctx), "href", "type", "Link"),
            );
            return reply(
              ctx,
              s.element,
              current(ctx, s.path, s.element, mediaTypeOf(ctx)),
            );
          },
        },
      ],
    ]),
  ),
};
