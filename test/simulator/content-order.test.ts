/** The structure check the simulator runs on request bodies (order, unknown and missing elements), in Xerces' words. */
import { beforeAll, describe, expect, it } from "vitest";
import { ContentModels } from "../../simulator/request/content-model.js";
import { checkContentOrder } from "../../simulator/request/content-order.js";
import { parseTree } from "../../simulator/request/xml-tree.js";
import { loadPackage } from "../helpers/generated-packages.js";

let models: ContentModels;
const check = (xml: string, type: string) =>
  checkContentOrder(models, parseTree(xml), type);
const OVF = `xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"`;

beforeAll(async () => {
  models = new ContentModels((await loadPackage("30.0")).schema);
});

describe("content order check", () => {
  it.each([
    [
      "elements in schema order",
      `<GuestCustomizationSection xmlns="http://www.vmware.com/vcloud/v1.5" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"><ovf:Info>x</ovf:Info><Enabled>true</Enabled><ComputerName>a</ComputerName></GuestCustomizationSection>`,
      "vcloud:GuestCustomizationSectionType",
      undefined,
    ],
    [
      "an element after one that follows it",
      `<GuestCustomizationSection xmlns="http://www.vmware.com/vcloud/v1.5" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"><ovf:Info>x</ovf:Info><ComputerName>a</ComputerName><Enabled>true</Enabled></GuestCustomizationSection>`,
      "vcloud:GuestCustomizationSectionType",
      "cvc-complex-type.2.4.a: Invalid content was found starting with element 'Enabled'.",
    ],
    [
      "a required element skipped (named as written, with its prefix)",
      `<Item ${OVF}><rasd:InstanceID>1</rasd:InstanceID></Item>`,
      "ovf:RASD_Type",
      "cvc-complex-type.2.4.a: Invalid content was found starting with element 'rasd:InstanceID'.",
    ],
    [
      "a problem inside a nested element",
      `<Vm xmlns="http://www.vmware.com/vcloud/v1.5" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" name="v"><NetworkConnectionSection><ovf:Info>i</ovf:Info><NetworkConnection network="n"><IsConnected>true</IsConnected><NetworkConnectionIndex>0</NetworkConnectionIndex><IpAddressAllocationMode>DHCP</IpAddressAllocationMode></NetworkConnection></NetworkConnectionSection></Vm>`,
      "vcloud:VmType",
      "cvc-complex-type.2.4.a: Invalid content was found starting with element 'IsConnected'.",
    ],
    [
      "an element that may stand once, twice (then nothing more is expected)",
      `<Owner xmlns="http://www.vmware.com/vcloud/v1.5"><User href="h"/><User href="h"/><Extra/></Owner>`,
      "vcloud:OwnerType",
      "cvc-complex-type.2.4.d: Invalid content was found starting with element 'User'. No child element is expected at this point.",
    ],
  ])("%s", (_name, xml, type, want) => {
    const got = check(xml, type);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(want);
  });
});
