/**
 * What an upload reads before it sends: the files an OVF descriptor references (its
 * `ovf:References`), and a manifest's digests; bad input named with the file, line and column.
 */
import { describe, expect, it } from "vitest";
import { readManifest } from "../../runtime/transfer/manifest.js";
import { ovfFiles } from "../../runtime/transfer/ovf-files.js";
import { VcdTransferError } from "../../runtime/transfer/transfer-error.js";

const DESCRIPTOR = `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
  <References>
    <File ovf:href="disk1.vmdk" ovf:id="file1" ovf:size="1048576"/>
    <File ovf:href="disk2.vmdk" ovf:id="file2"/>
  </References>
  <DiskSection><Info>Disks</Info></DiskSection>
</Envelope>`;

describe("the files an OVF descriptor references", () => {
  it("are its References/File, in order, with their ids and sizes", () => {
    expect(ovfFiles(DESCRIPTOR)).toEqual([
      { id: "file1", href: "disk1.vmdk", size: 1048576 },
      { id: "file2", href: "disk2.vmdk", size: undefined },
    ]);
  });

  it("a descriptor that does not parse: the file, the line and the column", () => {
    const error = (() => {
      try {
        ovfFiles(
          '<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1">\n  <References>\n</Envelope>',
          "vm.ovf",
        );
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(VcdTransferError);
    expect(error).toMatchObject({ file: "vm.ovf" });
    expect(String(error)).toMatch(/line 3, column \d+/);
  });

  it("a document that is no OVF envelope is refused", () => {
    expect(() =>
      ovfFiles('<VAppTemplate xmlns="http://www.vmware.com/vcloud/v1.5"/>'),
    ).toThrow(/not an OVF descriptor/);
  });

  it("a File without ovf:href is refused with its line", () => {
    expect(() =>
      ovfFiles(
        '<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">\n<References>\n  <File ovf:id="x"/></References></Envelope>',
      ),
    ).toThrow(/without ovf:href \(line 3, column 3\)/);
  });
});

describe("a manifest", () => {
  it("lists each file's digest by algorithm (SHA1, SHA256, SHA512), in lower case", () => {
    const manifest = readManifest(
      "SHA1(vm.ovf)= ABCDEF01\r\nSHA256(disk1.vmdk)= 00ff\n\nSHA512(disk 2.vmdk) = 12\n",
    );
    expect([...manifest]).toEqual([
      ["vm.ovf", { algorithm: "sha1", digest: "abcdef01" }],
      ["disk1.vmdk", { algorithm: "sha256", digest: "00ff" }],
      ["disk 2.vmdk", { algorithm: "sha512", digest: "12" }],
    ]);
  });

  it("a line that is no digest line: the manifest and the line", () => {
    expect(() => readManifest("SHA256(a)= 00\nMD5(b)= 11\n", "vm.mf")).toThrow(
      /^vm\.mf at byte 0: line 2, column 1: not a manifest line/,
    );
  });
});
