/**
 * vcd-codegen runtime, simulator: the system's AMQP settings and notifications switch
 * (`/admin/extension/settings/amqp`, `.../amqp/action/test`, `/admin/extension/settings/notifications`;
 * the pipeline lets only the system administrator at `extension` operations). PUT keeps what it is
 * given (an `AmqpPassword` left out keeps the one set) and answers the settings; GET never shows
 * the password (vCloud API Programming Guide, "Update AMQP Settings": the answer has none). The
 * test connects to the broker the body names (with the stored password when the body has none)
 * within a time-out and answers `AmqpSettingsTest` with `Valid` and, when not, vCD's `error`.
 * SSL is not simulated (no TLS broker): kept when set, reported by the test and by publishing.
 */
import { connect } from "../amqp/amqp-lib.js";
import { CONNECT_TIMEOUT_MS } from "../amqp/broker-link.js";
import { exchangeExists } from "../amqp/exchange-exists.js";
import type { AmqpSettings } from "../amqp/settings.js";
import { bodyValue, ok, type Ctx, type HandlerTable } from "./context.js";

const PATH = "/admin/extension/settings/amqp";
const MT_AMQP = "application/vnd.vmware.admin.amqpSettings+xml";
const MT_TEST = "application/vnd.vmware.admin.amqpSettingsTest+xml";
const MT_NOTIFICATIONS =
  "application/vnd.vmware.admin.notificationsSettings+xml";

type Value = Record<string, unknown>;

function settingsValue(ctx: Ctx): Value {
  const s = ctx.extensibility.amqp.settings;
  return {
    href: ctx.hrefs.abs(PATH),
    type: MT_AMQP,
    Link: [
      ...ctx.hrefs.link("test", "POST", `${PATH}/action/test`, MT_AMQP),
      ...ctx.hrefs.link("edit", "PUT", PATH, MT_AMQP),
    ],
    AmqpHost: s.host,
    AmqpPort: s.port,
    AmqpUsername: s.username,
    AmqpExchange: s.exchange,
    AmqpVHost: s.vhost,
    AmqpUseSSL: s.useSsl,
    ...(s.sslAcceptAll !== undefined
      ? { AmqpSslAcceptAll: s.sslAcceptAll }
      : {}),
    AmqpPrefix: s.prefix,
  };
}

const text = (v: unknown, fallback: string): string =>
  typeof v === "string" ? v : fallback;

/** The settings a body gives (what it leaves out, as they are). */
function fromBody(ctx: Ctx): AmqpSettings {
  const b = bodyValue(ctx);
  const now = ctx.extensibility.amqp.settings;
  return {
    host: text(b.AmqpHost, now.host).trim(),
    port: typeof b.AmqpPort === "number" ? b.AmqpPort : now.port,
    username: text(b.AmqpUsername, now.username),
    password: text(b.AmqpPassword, now.password),
    exchange: text(b.AmqpExchange, now.exchange),
    vhost: text(b.AmqpVHost, now.vhost),
    useSsl: typeof b.AmqpUseSSL === "boolean" ? b.AmqpUseSSL : now.useSsl,
    ...(typeof b.AmqpSslAcceptAll === "boolean"
      ? { sslAcceptAll: b.AmqpSslAcceptAll }
      : now.sslAcceptAll !== undefined
        ? { sslAcceptAll: now.sslAcceptAll }
        : {}),
    prefix: text(b.AmqpPrefix, now.prefix),
  };
}

/** Why the broker of `s` cannot be used, or nothing when it can. */
async function problemWith(s: AmqpSettings): Promise<string | undefined> {
  if (s.host === "") return "No AMQP host is set.";
  if (s.useSsl)
    return "AMQP over SSL is not simulated (the simulator has no TLS broker): set AmqpUseSSL to false.";
  let connection;
  try {
    connection = await connect(
      {
        hostname: s.host,
        port: s.port,
        username: s.username,
        password: s.password,
        vhost: s.vhost,
      },
      CONNECT_TIMEOUT_MS,
    );
  } catch (error) {
    return `Unable to connect to the AMQP broker at ${s.host}:${s.port}: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    if (!(await exchangeExists(connection, s.exchange)))
      return `The AMQP exchange "${s.exchange}" does not exist on the broker at ${s.host}:${s.port}.`;
    return undefined;
  } finally {
    await connection.close().catch(() => {});
  }
}

export const amqpSettingsHandlers: HandlerTable = {
  "GET /admin/extension/settings/amqp": {
    handle: (ctx) => ok("vmext:AmqpSettings", settingsValue(ctx), MT_AMQP),
  },
  "PUT /admin/extension/settings/amqp": {
    handle: (ctx) => {
      ctx.extensibility.amqp.set(fromBody(ctx));
      return ok("vmext:AmqpSettings", settingsValue(ctx), MT_AMQP);
    },
  },
  "POST /admin/extension/settings/amqp/action/test": {
    handle: async (ctx) => {
      const problem = await problemWith(fromBody(ctx));
      return ok(
        "vmext:AmqpSettingsTest",
        {
          href: ctx.hrefs.abs(`${PATH}/action/test`),
          type: MT_TEST,
          Link: ctx.hrefs.link("up", "GET", PATH, MT_AMQP),
          Valid: problem === undefined,
          ...(problem !== undefined
            ? {
                error: {
                  message: problem,
                  majorErrorCode: 400,
                  minorErrorCode: "BAD_REQUEST",
                },
              }
            : {}),
        },
        MT_TEST,
      );
    },
  },
  "GET /admin/extension/settings/notifications": {
    handle: (ctx) =>
      ok(
        "vmext:NotificationsSettings",
        {
          href: ctx.hrefs.abs("/admin/extension/settings/notifications"),
          type: MT_NOTIFICATIONS,
          EnableNotifications: ctx.extensibility.amqp.notificationsEnabled,
        },
        MT_NOTIFICATIONS,
      ),
  },
  "PUT /admin/extension/settings/notifications": {
    handle: (ctx) => {
      const on = bodyValue(ctx).EnableNotifications;
      if (typeof on === "boolean")
        ctx.extensibility.amqp.notificationsEnabled = on;
      return ok(
        "vmext:NotificationsSettings",
        {
          href: ctx.hrefs.abs("/admin/extension/settings/notifications"),
          type: MT_NOTIFICATIONS,
          EnableNotifications: ctx.extensibility.amqp.notificationsEnabled,
        },
        MT_NOTIFICATIONS,
      );
    },
  },
};
