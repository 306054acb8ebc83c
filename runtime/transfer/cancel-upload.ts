/**
 * vcd-codegen runtime, transfer: cancelling the upload task of a template or media (its `Task`'s
 * `task:cancel` link, `POST /task/{id}/action/cancel`), when the upload cannot be completed; vCD
 * then removes the template or media and its catalog item (govcd's `removeCatalogItemOnError`:
 * "cancel it and catalog item will be removed"), so that the name may be used again. It runs under
 * a signal of its own (the transfer's may be what ended it), bounded by {@link CANCEL_TIMEOUT}.
 */
import type { VcdClient } from "../client/client.js";
import { readEntity } from "./entity-polling.js";
import { followAction } from "./follow-action.js";

/** Milliseconds cancelling an upload's task may take: 10 s. */
export const CANCEL_TIMEOUT = 10_000;

/** Cancels the running tasks of the template or media at `href` that may be cancelled. */
export async function cancelUpload(
  client: VcdClient,
  href: string,
): Promise<void> {
  const signal = AbortSignal.timeout(CANCEL_TIMEOUT);
  const now = await readEntity(client, href, signal);
  for (const task of now.Tasks?.Task ?? [])
    if (task.Link?.some((l) => l.rel === "task:cancel"))
      await followAction(
        client,
        task,
        "task:cancel",
        undefined,
        undefined,
        signal,
      );
}
