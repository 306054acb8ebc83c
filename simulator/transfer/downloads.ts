/**
 * vcd-codegen runtime, simulator: downloads, vCD's way (the guide's "Download a vApp Template as
 * OVF" and "Download a Media Image"; go-vcloud-director's `Media.Download`). `POST
 * .../action/enableDownload` (the entity's `rel="enable"` link) answers a task (`vdcEnableDownload`);
 * once it has run, the entity's `Files` list its files with `rel="download:default"` links to a new
 * transfer (`/transfer/{uuid}/descriptor.ovf` and each file beside it for a template, `.../file`
 * for a media image), which serves what was uploaded. A template that was never uploaded (a
 * seeded one) serves a descriptor the simulator writes: an OVF envelope with a virtual system per
 * VM and no disk files. `disableDownload` closes the transfer (its URLs answer 404 after).
 */
import { escapeAttribute, escapeText } from "../../runtime/xml/xml-escape.js";
import { invalidState } from "../fault.js";
import { Status } from "../store/model.js";
import type { Media, Task, User, VAppTemplate } from "../store/model.js";
import type { Store } from "../store/store.js";
import { OVF_NS } from "./ovf-descriptor.js";
import { DESCRIPTOR } from "./template-upload.js";
import type { Transfers } from "./transfers.js";

export class Downloads {
  constructor(
    private readonly store: Store,
    private readonly transfers: Transfers,
  ) {}

  enableTemplate(user: User, template: VAppTemplate): Task {
    if (template.status !== undefined)
      throw invalidState(
        "INVALID_STATE",
        `The vApp template "${template.name}" is not resolved; it cannot be downloaded.`,
      );
    this.store.tasks.requireIdle(template.id, template.name);
    return this.store.tasks.start({
      operationName: "vdcEnableDownload",
      operation: `Enabling download of Virtual Application Template ${template.name}(${template.id})`,
      owner: { kind: "vAppTemplate", id: template.id, name: template.name },
      orgId: template.orgId,
      userId: user.id,
      apply: () => {
        if (template.downloadId && this.transfers.get(template.downloadId))
          return;
        let source =
          template.transferId === undefined
            ? undefined
            : this.transfers.get(template.transferId);
        if (!source) {
          source = this.transfers.stored(
            template.orgId,
            { kind: "vAppTemplate", id: template.id },
            [{ name: DESCRIPTOR, bytes: Buffer.from(descriptorOf(template)) }],
          );
          template.transferId = source.uuid;
        }
        template.downloadId = this.transfers.openDownload(source).uuid;
      },
    });
  }

  enableMedia(user: User, media: Media): Task {
    if (media.status !== Status.RESOLVED)
      throw invalidState(
        "INVALID_STATE",
        `The media "${media.name}" is not resolved; it cannot be downloaded.`,
      );
    this.store.tasks.requireIdle(media.id, media.name);
    return this.store.tasks.start({
      operationName: "vdcEnableDownload",
      operation: `Enabling download of Media ${media.name}(${media.id})`,
      owner: { kind: "media", id: media.id, name: media.name },
      orgId: media.orgId,
      userId: user.id,
      apply: () => {
        if (media.downloadId && this.transfers.get(media.downloadId)) return;
        const source =
          media.transferId === undefined
            ? undefined
            : this.transfers.get(media.transferId);
        if (source) media.downloadId = this.transfers.openDownload(source).uuid;
      },
    });
  }

  /** The download's URLs stop answering; the bytes stay (the entity's upload kept them). */
  disable(entity: { downloadId?: string }): void {
    const transfer =
      entity.downloadId === undefined
        ? undefined
        : this.transfers.get(entity.downloadId);
    if (transfer) this.transfers.close(transfer);
    delete entity.downloadId;
    this.store.touch();
  }
}

/** An OVF descriptor of a template that was never uploaded: a virtual system per VM, no files. */
function descriptorOf(template: VAppTemplate): string {
  const systems = template.vms
    .map(
      (vm) =>
        `    <ovf:VirtualSystem ovf:id="${escapeAttribute(vm.name)}">\n      <ovf:Info>A virtual machine</ovf:Info>\n      <ovf:Name>${escapeText(vm.name)}</ovf:Name>\n    </ovf:VirtualSystem>\n`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<ovf:Envelope xmlns:ovf="${OVF_NS}">
  <ovf:References/>
  <ovf:VirtualSystemCollection ovf:id="${escapeAttribute(template.name)}">
    <ovf:Info>A collection of virtual machines</ovf:Info>
    <ovf:Name>${escapeText(template.name)}</ovf:Name>
${systems}  </ovf:VirtualSystemCollection>
</ovf:Envelope>
`;
}
