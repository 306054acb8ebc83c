/** The reader: namespaces by URI, values by type, and nothing lost of what the schema does not declare. */
import { beforeAll, describe, expect, it } from "vitest";
import {
  loadPackage,
  type GeneratedPackage,
} from "../../helpers/generated-packages.js";
import { validateWithLibxml2 } from "../../helpers/libxml2.js";
import { contentOf } from "../../helpers/xml-content.js";

let vcd: GeneratedPackage;
beforeAll(async () => {
  vcd = await loadPackage("30.0");
});

const V15 = "http://www.vmware.com/vcloud/v1.5";
const OVF = "http://schemas.dmtf.org/ovf/envelope/1";

/** A GuestCustomizationSection as a newer server sends it: ns2-style prefixes, a field and an attribute this schema set does not have. */
const fromNewerServer = `<?xml version="1.0" encoding="UTF-8"?>
<ns2:GuestCustomizationSection xmlns:ns2="${V15}" xmlns:ns3="${OVF}" xmlns:new="urn:vcd:future" new:flag="on"
    href="https://vcd.example.com/api/vApp/vm-1/guestCustomizationSection/" ns3:required="false">
  <ns3:Info>Specifies Guest OS Customization Settings</ns3:Info>
  <ns2:Enabled>true</ns2:Enabled>
  <ns2:ChangeSid>false</ns2:ChangeSid>
  <ns2:FutureSetting>keep me</ns2:FutureSetting>
  <ns2:JoinDomainEnabled>false</ns2:JoinDomainEnabled>
  <ns2:AdminPasswordEnabled>true</ns2:AdminPasswordEnabled>
  <ns2:AdminPassword>old</ns2:AdminPassword>
  <ns2:ComputerName>web-1</ns2:ComputerName>
  <new:Extra xmlns:new="urn:vcd:future">x</new:Extra>
</ns2:GuestCustomizationSection>`;

describe("reading", () => {
  it("reads by namespace URI whatever the prefixes, and writes canonical ones", () => {
    const doc = vcd.fromXml(fromNewerServer);
    expect(doc.element).toBe("vcloud:GuestCustomizationSection");
    const value = doc.value as Record<string, unknown>;
    expect(value).toMatchObject({
      Info: { $value: "Specifies Guest OS Customization Settings" },
      Enabled: true,
      ChangeSid: false,
      ComputerName: "web-1",
      required: false,
    });
    const xml = vcd.toXml(doc);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<GuestCustomizationSection xmlns="http:\/\/www.vmware.com\/vcloud\/v1.5" xmlns:ovf="http:\/\/schemas.dmtf.org\/ovf\/envelope\/1"/,
    );
    expect(xml).toContain(
      "<ovf:Info>Specifies Guest OS Customization Settings</ovf:Info>",
    );
    expect(xml).not.toContain("ns2:");
  });

  it("edit a fetched GuestCustomizationSection and PUT it back: the server gets everything it sent, in place (pyvcloud #635, go-vcloud-director #431)", async () => {
    const doc = vcd.fromXml(fromNewerServer);
    const value = doc.value as Record<string, unknown>;
    value.AdminPassword = "n3w";
    const xml = vcd.toXml(doc);
    const expected = contentOf(fromNewerServer.replace(">old<", ">n3w<"));
    expect(contentOf(xml)).toEqual(expected);
    // The unknown elements stand where they stood, and the unknown attribute is still there.
    expect(xml.indexOf("FutureSetting")).toBeGreaterThan(
      xml.indexOf("ChangeSid>"),
    );
    expect(xml.indexOf("FutureSetting")).toBeLessThan(
      xml.indexOf("JoinDomainEnabled>"),
    );
    expect(xml).toMatch(/flag="on"/);
    // Without the elements this schema set does not know, what we write is valid.
    const known = vcd.toXml({
      ...doc,
      value: { ...value, $unknown: undefined, $attributes: undefined },
    });
    const verdict = (
      await validateWithLibxml2([{ name: "gc.xml", xml: known }])
    ).get("gc.xml")!;
    expect(verdict.errors).toEqual([]);
  });

  it("converts values by their XSD type, losslessly", () => {
    const xml = `<Task xmlns="${V15}" status="running" name="t" startTime="2026-11-22T10:00:00.123456+05:30" cancelRequested="1">
      <Progress>042</Progress><Params xmlns:a="urn:a"><a:Any>deep <a:b/></a:Any></Params><Details>  spaced  </Details></Task>`;
    const value = vcd.fromXml(xml).value as Record<string, unknown>;
    expect(value).toMatchObject({
      status: "running",
      startTime: "2026-11-22T10:00:00.123456+05:30",
      cancelRequested: true,
      Progress: 42,
      Details: "  spaced  ",
    });
    expect(contentOf((value.Params as { $xml: string }).$xml)).toEqual(
      contentOf(
        `<Params xmlns="${V15}" xmlns:a="urn:a"><a:Any>deep <a:b/></a:Any></Params>`,
      ),
    );
    const big = vcd.fromXml(
      `<VdcStorageProfile xmlns="${V15}" name="p"><Units>MB</Units><Limit>9223372036854775807</Limit></VdcStorageProfile>`,
    );
    expect((big.value as { Limit: string }).Limit).toBe("9223372036854775807");
  });

  it("reads xsi:type and substitution group members, and writes them back", () => {
    const xml = `<Metadata xmlns="${V15}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <MetadataEntry><Key>k</Key><TypedValue xsi:type="MetadataNumberValue"><Value>12</Value></TypedValue></MetadataEntry></Metadata>`;
    const doc = vcd.fromXml(xml);
    expect(doc.value).toEqual({
      MetadataEntry: [
        {
          Key: "k",
          TypedValue: { $type: "vcloud:MetadataNumberValue", Value: "12" },
        },
      ],
    });
    expect(vcd.toXml(doc)).toContain(
      '<TypedValue xsi:type="MetadataNumberValue"><Value>12</Value></TypedValue>',
    );
  });

  it("writes false, 0 and the empty string; leaves out only what is absent", () => {
    const xml = vcd.toXml({
      element: "vcloud:GuestCustomizationSection",
      value: {
        Info: { $value: "" },
        Enabled: false,
        AdminAutoLogonCount: 0,
        DomainName: "",
        ComputerName: undefined,
      },
    });
    expect(xml).toContain("<Enabled>false</Enabled>");
    expect(xml).toContain("<AdminAutoLogonCount>0</AdminAutoLogonCount>");
    expect(xml).toContain("<DomainName/>");
    expect(xml).toContain("<ovf:Info/>");
    expect(xml).not.toContain("ComputerName");
  });

  it("escapes text and attributes, and keeps carriage returns and tabs", () => {
    const value = {
      name: 'a "quoted" <name> & more\there',
      Description: "line 1\r\nline 2 ]]> & <tag>",
    };
    const xml = vcd.toXml({ element: "vcloud:VApp", value });
    expect(xml).toContain(
      'name="a &quot;quoted&quot; &lt;name&gt; &amp; more&#9;here"',
    );
    expect(xml).toContain(
      "<Description>line 1&#13;\nline 2 ]]&gt; &amp; &lt;tag&gt;</Description>",
    );
    expect(vcd.fromXml(xml).value).toEqual(value);
  });
});

describe("malformed and hostile XML", () => {
  it("malformed XML: an error with line and column", () => {
    expect(() =>
      vcd.fromXml(
        `<VApp xmlns="${V15}">\n  <Description>x</Descripton>\n</VApp>`,
      ),
    ).toThrowError(
      /end tag <\/Descripton> does not match <Description> \(line 2, column 17\)/,
    );
    const twice = `<VApp xmlns="${V15}" name="a" name="b"/>`;
    expect(() => vcd.fromXml(twice)).toThrowError(
      `duplicate attribute name (line 1, column ${twice.indexOf('name="b"') + 1})`,
    );
    const many = `<VApp xmlns="${V15}" ${Array.from({ length: 10 }, (_, i) => `a${i}="${i}"`).join(" ")} a3="again"/>`;
    expect(() => vcd.fromXml(many)).toThrowError(
      `duplicate attribute a3 (line 1, column ${many.indexOf('a3="again"') + 1})`,
    );
    expect(() =>
      vcd.fromXml(`<VApp xmlns="${V15}"><x:y/></VApp>`),
    ).toThrowError(/namespace prefix x is not declared/);
    expect(() =>
      vcd.fromXml(`<VApp xmlns="${V15}">&nbsp;</VApp>`),
    ).toThrowError(/unknown entity &nbsp;/);
    expect(() => vcd.fromXml(`<VApp xmlns="${V15}"/>\u0001`)).toThrowError(
      /text outside the root element/,
    );
  });

  it("no DTD, so no external entities (XXE)", () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE VApp [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<VApp xmlns="${V15}" name="&xxe;"/>`;
    expect(() => vcd.fromXml(xxe)).toThrowError(
      /a DTD is not allowed .*\(line 2, column 1\)/,
    );
  });

  it("no entity expansion (billion laughs) and no hang", () => {
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<VApp xmlns="${V15}" name="&lol2;"/>`;
    const start = performance.now();
    expect(() => vcd.fromXml(laughs)).toThrowError(/a DTD is not allowed/);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("bounds nesting depth and input size", () => {
    const deep = `<VApp xmlns="${V15}">${"<Description>".repeat(300)}${"</Description>".repeat(300)}</VApp>`;
    expect(() => vcd.fromXml(deep)).toThrowError(/nested deeper than 200/);
    const large = `<VApp xmlns="${V15}" name="${"x".repeat(2000)}"/>`;
    expect(() => vcd.fromXml(large, { maxLength: 1000 })).toThrowError(
      `document too large: ${large.length} characters, the limit is 1000`,
    );
  });

  it("an unknown root element is named", () => {
    expect(() => vcd.fromXml(`<Nope xmlns="urn:nope"/>`)).toThrowError(
      /no global element \{urn:nope\}Nope/,
    );
  });
});
