/**
 * vcd-codegen runtime, client: the values of the cloudapi (the login of vCD 10.4 and later) that the
 * client's answers and errors carry, as its OpenAPI describes them. Value types only, at the bottom of
 * the client: `errors.ts` and `types.ts` name them, `cloudapi.ts` (the login) fills them.
 */

/** A cloudapi `EntityReference` (`common/entity.yaml`): a name and a URN. */
export interface CloudapiEntityReference {
  readonly name?: string;
  /** A URN (`urn:vcloud:org:...`). */
  readonly id?: string;
}

/**
 * The cloudapi `Session` (`auth/sessions.yaml`, added in 33.0), as the server sends it. Every
 * field is optional in the OpenAPI; fields newer servers add are kept as sent.
 */
export interface CloudapiSession {
  /** The session's URN (`urn:vcloud:session:...`); logout deletes it. */
  readonly id?: string;
  /** The user of this session. */
  readonly user?: CloudapiEntityReference;
  /** The organization the user is logged into. */
  readonly org?: CloudapiEntityReference;
  /** The accessible location this session is valid for. */
  readonly location?: string;
  /** The user's role names. @deprecated in 35.0: {@link CloudapiSession.roleRefs} */
  readonly roles?: readonly string[];
  /** References to the user's roles. @since 35.0 */
  readonly roleRefs?: readonly CloudapiEntityReference[];
  /** The session idle timeout in minutes. @since 35.0 */
  readonly sessionIdleTimeoutMinutes?: number;
  readonly [field: string]: unknown;
}

/** A cloudapi error body (`common/error.yaml`): no major code, the HTTP status stands for it. */
export interface CloudapiErrorValue {
  readonly minorErrorCode: string;
  readonly message: string;
  readonly stackTrace?: string;
}
