/**
 * vcd-codegen runtime, client: calling the vCD XML REST API over the platform `fetch` (Node 20+ or
 * a browser), with no dependency. The generated stubs call `VcdClient.call` with their
 * operation's row; users create the client, log in, wait for tasks and follow links with what is
 * exported here.
 */
export type {
  BodyShape,
  HttpMethod,
  OperationInfo,
  OperationTag,
  QueryParameter,
} from "./operation.js";
export {
  createClient,
  DEFAULT_TIMEOUT,
  type DocumentOfPart,
  type RawAccess,
  type VcdClient,
} from "./client.js";
export type {
  CallOptions,
  ClientBinding,
  ClientOptions,
  Credentials,
  CloudapiLoginSession,
  GetOptions,
  Href,
  HrefTarget,
  LoginSession,
  Middleware,
  MiddlewareContext,
  NoContent,
  PathParameters,
  QueryParameters,
  QueryValue,
  Reply,
  ReplyMeta,
  Target,
  TokenKind,
  XmlLoginSession,
} from "./types.js";
export {
  CLOUDAPI_SESSIONS_SINCE,
  cloudapiAccept,
  isCloudapiUrl,
  type CloudapiEntityReference,
  type CloudapiErrorValue,
  type CloudapiSession,
} from "./cloudapi.js";
export {
  VcdAbortError,
  VcdAnswerTooLargeError,
  VcdApiError,
  VcdAuthError,
  VcdError,
  VcdNetworkError,
  VcdNotAcceptableError,
  VcdReauthenticationError,
  VcdRedirectError,
  VcdRequestError,
  VcdResponseError,
  VcdTaskError,
  VcdTimeoutError,
  VcdUnsupportedMediaTypeError,
  VcdVersionError,
  type ErrorValue,
  type FailedTask,
  type HttpErrorContext,
  type VcdErrorContext,
} from "./errors.js";
export {
  DEFAULT_TASK_TIMEOUT,
  TASK_END_STATUSES,
  waitForTask,
  waitForTasks,
  type TaskDocument,
  type TaskLike,
  type WaitForTaskOptions,
  type WaitForTasksOptions,
  type WithTasks,
} from "./tasks.js";
export {
  findLink,
  findLinks,
  methodsForRel,
  operationForLink,
  type FindLink,
  type FindLinks,
  type HasLinks,
  type LinkLike,
  type OpenString,
} from "./links.js";
export { paginate } from "./paging.js";
export { idOf } from "./id-of.js";
export {
  DEFAULT_QUERY_FORMAT,
  queryFormatOf,
  responsesForQuery,
  type QueryFormat,
} from "./query-format.js";
export { followLink } from "./follow-link.js";
export {
  resolveEntity,
  type ResolvedEntity,
  type ResolveEntityOptions,
} from "./resolve-entity.js";
export type { RetryEvent, RetryOptions, RetrySetting } from "./retry.js";
export { acceptHeader } from "./request.js";
export { mediaTypeMatches, mediaTypeOf } from "./response.js";
export {
  compareApiVersions,
  sameVersion,
  type VersionInfoLike,
} from "./versions.js";
export {
  escapeFilterValue,
  formatFilterDate,
  where,
  type Filter,
  type FilterOperator,
  type FilterValue,
  type MetadataCondition,
  type Where,
} from "./query-filter.js";
export {
  queryParameters,
  queryRecords,
  runQuery,
  type FieldOf,
  type MetadataField,
  type QueryOptions,
  type QueryStub,
  type QueryTypeInfo,
  type RawQueryOptions,
  type RecordOf,
} from "./query.js";
