/**
 * What the client tests share: the generated 30.0 package as a client binding, operation rows
 * written by hand (the generated table does not exist yet), small XML answers, and real documents
 * read from ../shared/vcd-samples.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  createClient,
  type BodyShape,
  type ClientBinding,
  type ClientOptions,
  type OperationInfo,
  type VcdClient,
} from "../../../runtime/client/index.js";
import type { Document } from "../../../runtime/xml/index.js";
import {
  loadClientPackage,
  loadPackage,
} from "../../helpers/generated-packages.js";
import { VCD_SAMPLES_DIR } from "../../helpers/vcd-inputs.js";

/** A real document from ../shared/vcd-samples. */
export function sample(path: string): string {
  return readFileSync(join(VCD_SAMPLES_DIR, path), "utf8");
}

export const API_VERSION = "30.0";

/** The generated 30.0 package's documents, with `operations` as the binding's rows. */
export async function packageBinding(
  operations: readonly OperationInfo[] = Object.values(OPS),
): Promise<ClientBinding> {
  const pkg = await loadPackage("30.0");
  return {
    apiVersion: API_VERSION,
    documents: {
      fromXml: (xml) => pkg.fromXml(xml) as Document,
      toXml: (doc, options) => pkg.toXml(doc, options),
      validate: (doc) => pkg.validate(doc),
    },
    operations,
  };
}

/** A client of `baseUrl` (the server's `/api`) bound to the 30.0 package. */
export async function clientFor(
  serverUrl: string,
  options: Partial<ClientOptions> = {},
): Promise<VcdClient> {
  return createClient(
    { baseUrl: `${serverUrl}/api`, timeout: 5_000, ...options },
    await packageBinding(),
  );
}

export const SHAPES = {
  vApp: shape("vApp", "vcloud:VAppType", "vcloud:VApp"),
  vm: shape("vm", "vcloud:VmType", "vcloud:Vm"),
  task: shape("task", "vcloud:TaskType", "vcloud:Task"),
  guestCustomizationSection: shape(
    "guestCustomizationSection",
    "vcloud:GuestCustomizationSectionType",
    "vcloud:GuestCustomizationSection",
  ),
  metadata: shape("metadata", "vcloud:MetadataType", "vcloud:Metadata"),
} satisfies Record<string, BodyShape>;

function shape(media: string, type: string, element: string): BodyShape {
  return {
    mediaType: `application/vnd.vmware.vcloud.${media}+xml`,
    type,
    element,
  };
}

/** An operation row, with the defaults of a bearer GET without body or query. */
export function operation(
  row: Pick<OperationInfo, "name" | "method" | "path"> & Partial<OperationInfo>,
): OperationInfo {
  const requestBodies = row.requestBodies ?? [];
  const responses = row.responses ?? [];
  return {
    tag: "user",
    auth: "bearer",
    pathParameters: [...row.path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]),
    queryParameters: [],
    requestMediaType: requestBodies[0]?.mediaType ?? null,
    requestType: requestBodies[0]?.type ?? null,
    requestBodies,
    responseMediaTypes: responses.map((s) => s.mediaType),
    responseTypes: responses.map((s) => s.type),
    responses,
    deprecated: false,
    ...row,
  };
}

export const OPS = {
  getVApp: operation({
    name: "getVApp",
    method: "GET",
    path: "/vApp/{id}",
    responses: [SHAPES.vApp, SHAPES.vm],
  }),
  deleteVApp: operation({
    name: "deleteVApp",
    method: "DELETE",
    path: "/vApp/{id}",
    queryParameters: [
      { name: "force", required: false },
      { name: "recursive", required: false },
    ],
    responses: [SHAPES.task],
  }),
  powerOnVApp: operation({
    name: "powerOnVApp",
    method: "POST",
    path: "/vApp/{id}/power/action/powerOn",
    responses: [SHAPES.task],
  }),
  updateGuestCustomizationSection: operation({
    name: "updateGuestCustomizationSection",
    method: "PUT",
    path: "/vApp/{id}/guestCustomizationSection/",
    requestBodies: [SHAPES.guestCustomizationSection],
    responses: [SHAPES.task],
  }),
  getGuestCustomizationSection: operation({
    name: "getGuestCustomizationSection",
    method: "GET",
    path: "/vApp/{id}/guestCustomizationSection/",
    responses: [SHAPES.guestCustomizationSection],
  }),
  getMetadataValue: operation({
    name: "getMetadataValue",
    method: "GET",
    path: "/vApp/{id}/metadata/{key}",
  }),
  createThing: operation({
    name: "createThing",
    method: "POST",
    path: "/vApp/{id}/metadata",
    requestBodies: [SHAPES.metadata],
  }),
  updateVApp: operation({
    name: "updateVApp",
    method: "PUT",
    path: "/vApp/{id}",
    requestBodies: [SHAPES.vm, SHAPES.vApp],
    responses: [SHAPES.task],
  }),
  openGet: operation({ name: "openGet", method: "GET", path: "/open/{id}" }),
} satisfies Record<string, OperationInfo>;

/** `Content-Type` headers. */
export function xmlHeaders(media: string, extra: Record<string, string> = {}) {
  return {
    "content-type": media.includes("/")
      ? media
      : `application/vnd.vmware.vcloud.${media}+xml;version=30.0`,
    ...extra,
  };
}

/** A `SupportedVersions` document listing `versions` (each with its login URL). */
export function versionsXml(
  versions: readonly { version: string; loginUrl: string }[],
): string {
  const infos = versions
    .map(
      (v) =>
        `<VersionInfo deprecated="false"><Version>${v.version}</Version><LoginUrl>${v.loginUrl}</LoginUrl></VersionInfo>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><SupportedVersions xmlns="http://www.vmware.com/vcloud/versions">${infos}</SupportedVersions>`;
}

/** A Task document. */
export function taskXml(task: {
  href: string;
  status: string;
  progress?: number;
  error?: { message: string; major: number; minor: string };
}): string {
  const progress =
    task.progress === undefined ? "" : `<Progress>${task.progress}</Progress>`;
  const error = task.error
    ? `<Error message="${task.error.message}" majorErrorCode="${task.error.major}" minorErrorCode="${task.error.minor}"/>`
    : "";
  return `<?xml version="1.0" encoding="UTF-8"?><Task xmlns="http://www.vmware.com/vcloud/v1.5" href="${task.href}" name="task" status="${task.status}" operationName="vappDeploy" type="application/vnd.vmware.vcloud.task+xml">${error}${progress}</Task>`;
}

/** An Error document. */
export function errorXml(error: {
  message: string;
  major: number;
  minor: string;
  vendor?: string;
  stack?: string;
}): string {
  const vendor = error.vendor
    ? ` vendorSpecificErrorCode="${error.vendor}"`
    : "";
  const stack = error.stack ? ` stackTrace="${error.stack}"` : "";
  return `<?xml version="1.0" encoding="UTF-8"?><Error xmlns="http://www.vmware.com/vcloud/v1.5" message="${error.message}" majorErrorCode="${error.major}" minorErrorCode="${error.minor}"${vendor}${stack}/>`;
}

export const ERROR_HEADERS = xmlHeaders("error");

/** The generated 30.0 package's own operations table (every operation of the input, linked to its elements). */
export async function packageOperations(): Promise<OperationInfo[]> {
  return [...(await loadClientPackage("30.0")).operations];
}
