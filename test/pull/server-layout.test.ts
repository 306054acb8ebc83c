/** The layout rule of pull-schemas: where vCD serves each file, and where a reference lies. */
import { describe, expect, it } from "vitest";
import {
  resolveLayoutPath,
  serverPaths,
  serverRoot,
  urlOf,
} from "../../generator/pull/server-layout.js";

describe("serverPaths", () => {
  it.each([
    [
      "xsd/rest-api/1.5/schemas/master/master.xsd",
      ["/api/v1.5/schema/master.xsd", "/api/v1.5/schema/master/master.xsd"],
    ],
    [
      "xsd/rest-api/1.5/schemas/extension/services.xsd",
      [
        "/api/v1.5/schema/services.xsd",
        "/api/v1.5/schema/extension/services.xsd",
      ],
    ],
    ["xsd/rest-api/1.5/schemas/flat.xsd", ["/api/v1.5/schema/flat.xsd"]],
    [
      "xsd/rest-api/schemas/versioning/versions.xsd",
      ["/api/versions/schema/versions.xsd", "/api/v1.5/schema/versions.xsd"],
    ],
  ])("%s -> %j", (layout, want) => {
    expect(serverPaths(layout)).toEqual(want);
  });
});

describe("resolveLayoutPath", () => {
  it.each([
    [
      "xsd/rest-api/1.5/schemas/master/master.xsd",
      "../vcloud/vcloud.xsd",
      "xsd/rest-api/1.5/schemas/vcloud/vcloud.xsd",
    ],
    [
      "xsd/rest-api/1.5/schemas/vcloud/vcloud.xsd",
      "common.xsd",
      "xsd/rest-api/1.5/schemas/vcloud/common.xsd",
    ],
    [
      "xsd/rest-api/1.5/schemas/vcloud/vApp.xsd",
      "../../../schemas/external/ovf1.1/ovf-vmware.xsd",
      "xsd/rest-api/schemas/external/ovf1.1/ovf-vmware.xsd",
    ],
    [
      "xsd/rest-api/1.5/schemas/vcloud/vApp.xsd",
      "../../../../../etc/passwd",
      undefined,
    ],
  ])("%s + %s -> %s", (from, location, want) => {
    expect(resolveLayoutPath(from, location)).toBe(want);
  });
});

describe("serverRoot", () => {
  it.each([
    ["https://vcd.example.com", "https://vcd.example.com/api/versions"],
    ["https://vcd.example.com/", "https://vcd.example.com/api/versions"],
    ["https://vcd.example.com/api/", "https://vcd.example.com/api/versions"],
    [
      "http://127.0.0.1:8080/tenant/api",
      "http://127.0.0.1:8080/tenant/api/versions",
    ],
  ])("%s -> %s", (from, want) => {
    expect(urlOf(serverRoot(from), "/api/versions")).toBe(want);
  });

  it("refuses what is not an http(s) URL", () => {
    expect(() => serverRoot("vcd.example.com")).toThrow(/--from must be a URL/);
    expect(() => serverRoot("ftp://vcd.example.com")).toThrow(/http or https/);
  });
});
