/**
 * vcd-codegen runtime, simulator: media images inserted into VMs and ejected from them
 * (`POST /vApp/{vm-id}/media/action/insertMedia` / `ejectMedia`, MediaInsertOrEjectParams; vCloud
 * API Programming Guide, "Insert or Eject Removable Media"). A VM holds one image at a time; the
 * image must be of the VM's organization and resolved (its upload complete); ejecting an image the
 * VM does not hold is refused; an image inserted into a VM cannot be deleted. vCD lets one ISO be
 * inserted into several VMs at once, and so does the simulator. The refusals' wording is the
 * simulator's (no vCD sample or guide page words them).
 */
import { badRequest } from "../fault.js";
import { Status, type Media, type Vm } from "./model.js";
import type { Store } from "./store.js";

export class MediaMounts {
  constructor(private readonly store: Store) {}

  checkInsert(vm: Vm, orgId: string, media: Media): void {
    if (media.orgId !== orgId)
      throw badRequest(
        `The media "${media.name}" is not of the VM's organization.`,
      );
    if (media.status !== Status.RESOLVED)
      throw badRequest(
        `The media "${media.name}" is not ready (its upload is not complete).`,
      );
    if (vm.mediaId === media.id)
      throw badRequest(
        `The media "${media.name}" is already inserted into VM "${vm.name}".`,
      );
    if (vm.mediaId !== undefined) {
      const held = this.store.media.get(vm.mediaId);
      throw badRequest(
        `The VM "${vm.name}" already has media "${held?.name ?? vm.mediaId}" inserted; eject it first.`,
      );
    }
  }

  checkEject(vm: Vm, media: Media): void {
    if (vm.mediaId !== media.id)
      throw badRequest(
        `The media "${media.name}" is not inserted into VM "${vm.name}".`,
      );
  }

  /** The VMs (of vApps) that hold the image. */
  holders(mediaId: string): Vm[] {
    return [...this.store.vapps.values()].flatMap((v) =>
      v.vms.filter((vm) => vm.mediaId === mediaId),
    );
  }

  /** Refuses deleting an image some VM holds. */
  checkDelete(media: Media): void {
    const vms = this.holders(media.id);
    if (vms.length > 0)
      throw badRequest(
        `The media "${media.name}" is inserted into VM "${vms[0].name}" and cannot be deleted; eject it first.`,
      );
  }
}
