/**
 * vcd-codegen runtime, simulator: a refusal as vCD words it. The store and the request checks throw
 * a `VcdFault`; the server answers it as a vCD `Error` document (`majorErrorCode` = the status).
 */

export class VcdFault extends Error {
  constructor(
    readonly status: number,
    /** vCD's `minorErrorCode`: `BAD_REQUEST`, `RESOURCE_NOT_FOUND`, `ACCESS_TO_RESOURCE_IS_FORBIDDEN`, ... */
    readonly minor: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "VcdFault";
  }
}

export const badRequest = (message: string): VcdFault =>
  new VcdFault(400, "BAD_REQUEST", message);

export const unauthorized = (message = "This operation is denied."): VcdFault =>
  new VcdFault(401, "UNAUTHORIZED", message, {
    "WWW-Authenticate": 'Basic realm="vCloud Director"',
  });

export const forbidden = (message = "This operation is denied."): VcdFault =>
  new VcdFault(403, "ACCESS_TO_RESOURCE_IS_FORBIDDEN", message);

/** vCD's answer for an entity that does not exist or that the user may not see (it does not tell them apart). */
export const noAccess = (kind: string, uuid: string): VcdFault =>
  forbidden(`No access to entity "com.vmware.vcloud.entity.${kind}:${uuid}".`);

export const notFound = (
  message = "The requested resource was not found.",
): VcdFault => new VcdFault(404, "RESOURCE_NOT_FOUND", message);

/** An operation that the entity's state does not allow (vCD: 400 with a minor code naming why). */
export const invalidState = (minor: string, message: string): VcdFault =>
  new VcdFault(400, minor, message);

/** vCD's refusal of a name already taken where names are unique (`DUPLICATE_NAME`). */
export const duplicateName = (name: string): VcdFault =>
  invalidState("DUPLICATE_NAME", `The VCD entity ${name} already exists.`);
