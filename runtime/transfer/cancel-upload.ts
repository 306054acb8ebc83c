/**
 * vcd-codegen runtime, transfer: cancelling the upload task of a template or media (its `Task`'s
 * `task:cancel` link, `POST /task/{id}/action/cancel`), when the upload cannot be completed.
 */
import type { VcdClient } from "../client/client.js";
import type { TransferEntity } from "./entity-files.js";
import { readEntity } from "./entity-polling.js";
import { followAction } from "./follow-action.js";

export async function cancelUpload(
  client: VcdClient,
  entity: TransferEntity,
  signal: AbortSignal,
): Promise<void> {
  const now = entity.href
    ? await readEntity(client, entity.href, signal)
    : entity;
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
