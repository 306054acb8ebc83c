/** Objects built with their keys in reverse order are written in schema order, through inheritance and choices. */
import { DOMParser, type Element } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import {
  loadPackage,
  type GeneratedPackage,
} from "../../helpers/generated-packages.js";
import { validateWithLibxml2 } from "../../helpers/libxml2.js";

let vcd: GeneratedPackage;
beforeAll(async () => {
  vcd = await loadPackage("30.0");
});

/** The same object with its keys (at every level) in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
}

function childNames(xml: string): string[] {
  const root = new DOMParser().parseFromString(
    xml,
    "text/xml",
  ).documentElement!;
  const names: string[] = [];
  for (let n = root.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 1) names.push((n as Element).localName!);
  return names;
}

const guestCustomization = {
  Info: { $value: "Guest customization" },
  Enabled: true,
  ChangeSid: false,
  VirtualMachineId: "vm-1",
  JoinDomainEnabled: false,
  UseOrgSettings: false,
  DomainName: "",
  AdminPasswordEnabled: true,
  AdminPasswordAuto: false,
  AdminPassword: "s3cret",
  AdminAutoLogonEnabled: false,
  AdminAutoLogonCount: 0,
  ResetPasswordRequired: false,
  CustomizationScript: "#!/bin/sh\necho <hi> & bye",
  ComputerName: "web-1",
  Link: [
    {
      rel: "edit",
      href: "https://vcd.example.com/api/vApp/vm-1/guestCustomizationSection/",
      type: "application/vnd.vmware.vcloud.guestCustomizationSection+xml",
    },
  ],
  href: "https://vcd.example.com/api/vApp/vm-1/guestCustomizationSection/",
  type: "application/vnd.vmware.vcloud.guestCustomizationSection+xml",
};

const documents: { name: string; doc: { element: string; value: unknown } }[] =
  [
    {
      name: "GuestCustomizationSection",
      doc: {
        element: "vcloud:GuestCustomizationSection",
        value: guestCustomization,
      },
    },
    {
      name: "Vm",
      doc: {
        element: "vcloud:Vm",
        value: {
          name: "web-1",
          id: "urn:vcloud:vm:1",
          href: "https://vcd.example.com/api/vApp/vm-1",
          needsCustomization: false,
          VCloudExtension: [
            {
              required: false,
              $any: [{ $xml: '<x:Note xmlns:x="urn:example">n</x:Note>' }],
            },
          ],
          Link: [
            { rel: "up", href: "https://vcd.example.com/api/vApp/vapp-1" },
          ],
          Description: "front end",
          Tasks: { Task: [{ status: "running", name: "task", Progress: 5 }] },
          VAppParent: { href: "https://vcd.example.com/api/vApp/vapp-1" },
          Section: [
            {
              $element: "vcloud:GuestCustomizationSection",
              ...guestCustomization,
            },
          ],
          DateCreated: "2026-11-22T10:00:00.000+01:00",
          VAppScopedLocalId: "web",
          StorageProfile: {
            href: "https://vcd.example.com/api/vdcStorageProfile/1",
          },
          BootOptions: { BootDelay: "0", EnterBIOSSetup: false },
          Media: { href: "https://vcd.example.com/api/media/1" },
        },
      },
    },
    {
      name: "InstantiateVAppTemplateParams",
      doc: {
        element: "vcloud:InstantiateVAppTemplateParams",
        value: {
          name: "new-vapp",
          deploy: false,
          powerOn: false,
          Description: "from a template",
          InstantiationParams: {
            Section: [
              {
                $element: "ovf:NetworkSection",
                Info: { $value: "networks" },
                Network: [{ name: "net", Description: { $value: "a" } }],
              },
            ],
          },
          Source: { href: "https://vcd.example.com/api/vAppTemplate/t-1" },
          IsSourceDelete: false,
          SourcedItem: [
            {
              Source: { href: "https://vcd.example.com/api/vAppTemplate/vm-1" },
              VmGeneralParams: { Name: "vm", NeedsCustomization: true },
            },
          ],
          AllEULAsAccepted: true,
        },
      },
    },
    {
      name: "QueryResultRecords",
      doc: {
        element: "vcloud:QueryResultRecords",
        value: {
          total: "2",
          page: 1,
          pageSize: 25,
          name: "vm",
          Link: [
            {
              rel: "alternate",
              href: "https://vcd.example.com/api/query?type=vm&format=references",
              type: "application/vnd.vmware.vcloud.query.references+xml",
            },
          ],
          Record: [
            {
              $element: "vcloud:VMRecord",
              name: "a",
              isVAppTemplate: false,
              status: "POWERED_ON",
            },
            { $element: "vcloud:VAppRecord", name: "b", isDeployed: true },
          ],
        },
      },
    },
  ];

describe("schema order", () => {
  it("GuestCustomizationSection comes out in the XSD's order whatever the key order", () => {
    const xml = vcd.toXml({
      element: "vcloud:GuestCustomizationSection",
      value: reversed(guestCustomization),
    });
    expect(childNames(xml)).toEqual([
      "Info",
      "Enabled",
      "ChangeSid",
      "VirtualMachineId",
      "JoinDomainEnabled",
      "UseOrgSettings",
      "DomainName",
      "AdminPasswordEnabled",
      "AdminPasswordAuto",
      "AdminPassword",
      "AdminAutoLogonEnabled",
      "AdminAutoLogonCount",
      "ResetPasswordRequired",
      "CustomizationScript",
      "ComputerName",
      "Link",
    ]);
  });

  it("Vm (six levels of inheritance) puts base content first", () => {
    const xml = vcd.toXml(
      reversed(documents[1].doc) as { element: string; value: unknown },
    );
    expect(childNames(xml)).toEqual([
      "VCloudExtension",
      "Link",
      "Description",
      "Tasks",
      "VAppParent",
      "GuestCustomizationSection",
      "DateCreated",
      "VAppScopedLocalId",
      "StorageProfile",
      "BootOptions",
      "Media",
    ]);
  });

  it("every document, keys reversed, is written identically and is valid for libxml2", async () => {
    const written = documents.map(({ name, doc }) => {
      const xml = vcd.toXml(
        reversed(doc) as { element: string; value: unknown },
        { strict: true },
      );
      expect(xml, name).toBe(vcd.toXml(doc));
      return { name: `${name}.xml`, xml };
    });
    const verdicts = await validateWithLibxml2(written);
    expect(written.map((w) => [w.name, verdicts.get(w.name)!.errors])).toEqual(
      written.map((w) => [w.name, []]),
    );
  });
});
