/**
 * vcd-codegen runtime, simulator: the `Files` of an entity with an open transfer, as vCD lists
 * them (the jclouds sample media/addMedia.xml: `<File size bytesTransferred name>` with a
 * `rel="upload:default"` link to `https://host/transfer/{uuid}/{name}`; `download:default` for a
 * download). A transfer's href is at the server's root, beside `/api`.
 */
import type { Value } from "../store/model.js";
import type { Transfer } from "../transfer/transfers.js";
import type { Ctx } from "./context.js";

/** The server's origin (`http://127.0.0.1:PORT`): the API root without `/api`. */
export const transferOrigin = (ctx: Ctx): string =>
  ctx.hrefs.base.replace(/\/api$/, "");

export function transferHref(
  ctx: Ctx,
  transfer: Transfer,
  name: string,
): string {
  return `${transferOrigin(ctx)}/transfer/${transfer.uuid}/${encodeURIComponent(name)}`;
}

/** `{ Files: { File: [...] } }` for an open transfer, or nothing. */
export function filesValue(ctx: Ctx, transferId: string | undefined): Value {
  const transfer =
    transferId === undefined ? undefined : ctx.transfers.get(transferId);
  if (!transfer || transfer.state === "done") return {};
  const rel =
    transfer.state === "upload" ? "upload:default" : "download:default";
  return {
    Files: {
      File: [...transfer.files.values()].map((f) => ({
        size: f.size,
        bytesTransferred: f.bytesTransferred,
        ...(f.digests && transfer.state === "download"
          ? { checksum: f.digests.sha256 }
          : {}),
        name: f.name,
        Link: [{ rel, href: transferHref(ctx, transfer, f.name) }],
      })),
    },
  };
}
