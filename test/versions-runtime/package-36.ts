/**
 * The package generated at API 36.0 from ../shared/vcd-api-36.0, into a temporary folder, and its
 * compiled modules (typed loosely: the tests drive it as a user of another version's server would).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { resolveOptions } from "../../generator/config/options.js";
import { generate } from "../../generator/generate.js";
import type {
  ClientOptions,
  OperationInfo,
  VcdClient,
} from "../../runtime/client/index.js";
import type {
  SchemaData,
  Violation,
} from "../../runtime/xml/index.js";
import { PROJECT_ROOT, VCD_API_36_DIR } from "../helpers/vcd-inputs.js";

export interface Doc {
  readonly element: string;
  readonly value: unknown;
}

export type Stub = (
  client: VcdClient,
  target?: unknown,
  ...rest: unknown[]
) => Promise<{ element: string | null; value: unknown; status: number }>;

export interface Package36 {
  readonly dir: string;
  fromXml(xml: string): Doc;
  toXml(
    doc: Doc,
    options?: {
      strict?: boolean;
      declaration?: boolean;
      apiVersion?: string;
      omitNewer?: boolean;
    },
  ): string;
  validate(doc: Doc, options?: { apiVersion?: string }): Violation[];
  validateFragment(
    fragment: Doc & { readonly type: string },
    options?: { apiVersion?: string },
  ): Violation[];
  createClient(options: ClientOptions): VcdClient;
  readonly api: Record<string, Stub>;
  readonly operations: readonly OperationInfo[];
  readonly API_VERSION: string;
  readonly LOWEST_API_VERSION: string;
  readonly schema: SchemaData;
  readonly ValidationError: new (...args: never[]) => Error & {
    violations: readonly Violation[];
  };
  readonly VcdRequestError: new (...args: never[]) => Error;
  readonly VcdVersionError: new (...args: never[]) => Error & {
    supported: readonly string[];
    apiVersion: string;
    lowestApiVersion: string;
  };
  /** Removes the temporary folder. */
  remove(): void;
}

export async function generatePackage36(): Promise<Package36> {
  const root = mkdtempSync(join(tmpdir(), "vcd-codegen-versions-runtime-"));
  const dir = join(root, "vcloud");
  const options = await resolveOptions(
    { input: VCD_API_36_DIR, out: dir, apiVersion: "36.0" },
    process.env,
    PROJECT_ROOT,
  );
  generate(options, false);
  const load = async (module: string) =>
    (await import(pathToFileURL(join(dir, "dist", `${module}.js`)).href)) as {
      [name: string]: unknown;
    };
  const [document, client, operations, schema, api, index] = await Promise.all(
    ["document", "client", "operations", "schema", "api/index", "index"].map(
      load,
    ),
  );
  return {
    ...(document as object),
    ...(client as object),
    ...(operations as object),
    ...(schema as object),
    api: api as Package36["api"],
    ValidationError: index.ValidationError,
    VcdRequestError: index.VcdRequestError,
    VcdVersionError: index.VcdVersionError,
    dir,
    remove: () => rmSync(root, { recursive: true, force: true }),
  } as Package36;
}
