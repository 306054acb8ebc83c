/**
 * vcd-codegen runtime, transfer: reading the template or media of a transfer again until its files
 * are there with their links (vCD adds the files a descriptor references once it has read it),
 * with a bounded back-off under the transfer's signal. A task of the entity's that failed ends the
 * wait with its `VcdTaskError`.
 */
import type { VcdClient } from "../client/client.js";
import { sleep } from "../client/deadline.js";
import { VcdTaskError } from "../client/errors.js";
import { TASK_END_STATUSES } from "../client/tasks.js";
import {
  entityFiles,
  type EntityFile,
  type TransferEntity,
} from "./entity-files.js";

/** Reads the entity at `href`. */
export async function readEntity(
  client: VcdClient,
  href: string,
  signal: AbortSignal,
): Promise<TransferEntity> {
  return (await client.get(href, { signal })).value as TransferEntity;
}

/**
 * Reads the entity until each of `names` is among its files with a link of `rel`; resolves with
 * the entity and those files. Polls after 100 ms, then twice as long each time up to 2 s.
 */
export async function waitForFiles(
  client: VcdClient,
  href: string,
  names: readonly string[],
  rel: "upload" | "download",
  signal: AbortSignal,
  first?: TransferEntity,
): Promise<{ entity: TransferEntity; files: Map<string, EntityFile> }> {
  let wait = 100;
  let entity = first ?? (await readEntity(client, href, signal));
  for (;;) {
    failedTask(entity);
    const files = entityFiles(entity);
    if (names.every((name) => files.get(name)?.[rel] !== undefined))
      return { entity, files };
    await sleep(wait, signal);
    wait = Math.min(wait * 2, 2_000);
    entity = await readEntity(client, href, signal);
  }
}

/** Throws the `VcdTaskError` of a task of the entity's that ended other than `success`. */
export function failedTask(entity: TransferEntity): void {
  for (const task of entity.Tasks?.Task ?? [])
    if (task.status !== "success" && TASK_END_STATUSES.includes(task.status))
      throw new VcdTaskError(task);
}
