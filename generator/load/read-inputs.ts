/**
 * Reads one run's inputs, once: the input folder's files (the release they match, the XSD set through
 * its catalog, the operations documents it has and their versions, the one for the API version asked
 * for and when each of its operations first appears) and our own facts about them (operation
 * overrides, version facts). What comes after (the model, the passes, emit) reads nothing from disk.
 */
import {
  DEFAULT_QUERY_PARAMETER_FACTS,
  readQueryParameterFacts,
} from "../config/query-parameter-facts.js";
import type { QueryParameterValue } from "../model/ir.js";
import { parseJson } from "../config/schema-set-config.js";
import { dirname, resolve } from "node:path";
import type { Release, SchemaSetConfig } from "../config/schema-set-config.js";
import {
  readOperationOverrides,
  type OperationOverride,
} from "../config/operation-overrides.js";
import { DEFAULT_LINK_RELS, readLinkRels } from "../config/link-rels.js";
import {
  DEFAULT_VERSION_FACTS,
  readVersionFacts,
  type VersionFact,
} from "../config/version-facts.js";
import { GeneratorError } from "../diagnostics.js";
import { ALL_VERSIONS, compareVersions } from "../model/api-version.js";
import type { Namespace } from "../model/ir.js";
import { namespaceTable } from "../model/namespace-table.js";
import { timed, type Timings } from "../timings.js";
import { EMPTY_CATALOG, readCatalog, type Catalog } from "./catalog.js";
import { checkInputLayout } from "./check-input-layout.js";
import {
  findOperationsFile,
  operationsVersions,
} from "./find-operations-file.js";
import { identifyRelease, inputsLabel } from "./identify-release.js";
import { InputFiles, type InputsRead } from "./input-files.js";
import {
  NO_HISTORY,
  operationHistory,
  type OperationHistory,
} from "./operation-history.js";
import {
  listOperations,
  operationsOf,
  type OperationsDocument,
} from "./read-operations.js";
import { carriedOperations } from "./carried-operations.js";
import { loadSchemaSet, type SchemaSet } from "./schema-set.js";
import {
  DEFAULT_QUERY_TYPE_FACTS,
  readQueryTypeFacts,
  type QueryTypeFacts,
} from "./read-query-types.js";

/** What a run reads its inputs with: the folder, our description of the set, the API version asked for. */
export interface InputOptions {
  readonly inputDir: string;
  readonly schemaSet: SchemaSetConfig;
  /** The API version asked for (an alias already resolved), or undefined for the newest the inputs describe. */
  readonly apiVersion?: string;
}

/** The operations document used at the API version, read. */
export interface OperationsInput {
  readonly document: OperationsDocument;
  /** The version of the document (the API version's, or the newest below it, or the oldest above it). */
  readonly version: string;
  /**
   * Whether the document is of a version newer than the API version (older than every document):
   * its operations are those of it the version has, and it says nothing of what the version's types are.
   */
  readonly newer: boolean;
  /** What the documents up to it say of its operations: since when, former paths, those it dropped (see operation-history.ts). */
  readonly history: OperationHistory;
  /**
   * Whether the documents are the operations facts vcd-codegen carries (the input folder has no
   * operations document); their files are then named `vcd-codegen's operations facts of <version>`.
   */
  readonly carried: boolean;
}

/** One record of the inputs of a run; what it read (`files`, `listings`) is what the package cache checks. */
export interface Inputs extends InputsRead {
  readonly dir: string;
  readonly schemaSet: SchemaSetConfig;
  /** The known release the folder holds, or undefined for unpinned inputs. */
  readonly release: Release | undefined;
  /** How generated files name the inputs: `vmware/vcd-api-schemas@756f3abb415b`, or `unpinned inputs`. */
  readonly label: string;
  /** The API version generated for: the one asked for, else the newest the inputs describe. */
  readonly apiVersion: string;
  readonly catalog: Catalog;
  readonly schemas: SchemaSet;
  /** The namespaces of the set, with their canonical prefixes and modules. */
  readonly namespaces: Namespace[];
  /** The API versions the folder has an operations document for (or the carried facts have), oldest first. */
  readonly operationsVersions: readonly string[];
  /** The operations document at the API version (or the newest below it), if there is one. */
  readonly operations: OperationsInput | undefined;
  readonly operationOverrides: readonly OperationOverride[];
  readonly versionFacts: readonly VersionFact[];
  /** The rels of vCD's links we know (schemas/vcd-api.link-rels.json). */
  readonly linkRels: readonly string[];
  /** What vCD takes in each query parameter (schemas/vcd-api.query-parameters.json). */
  readonly queryParameterFacts: ReadonlyMap<string, QueryParameterValue>;
  /** Our facts about the query service's types (schemas/vcd-api.query-types.json). */
  readonly queryTypeFacts: QueryTypeFacts;
  /** Problems in the input that do not stop generation. */
  readonly warnings: readonly GeneratorError[];
}

export function readInputs(
  options: InputOptions,
  timings: Timings = {},
): Inputs {
  const { inputDir: dir, schemaSet } = options;
  // A folder not laid out like the inputs is said to be so before anything is read.
  checkInputLayout(dir, schemaSet);
  const files = new InputFiles();
  const release = identifyRelease(dir, schemaSet, files);
  const pattern = schemaSet.operations;
  const documented = pattern
    ? operationsVersions(dir, pattern, files.list)
    : [];
  const apiVersion =
    options.apiVersion ?? newestVersion(dir, schemaSet, release, documented);
  const { catalog, schemas } = timed(timings, "load", () => {
    const catalog = schemaSet.catalog
      ? readCatalog(resolve(dir, schemaSet.catalog), files.text)
      : EMPTY_CATALOG;
    const entryPoints = schemaSet.entryPoints.map((entry) =>
      resolve(dir, entry),
    );
    return {
      catalog,
      schemas: loadSchemaSet(entryPoints, catalog, files.text),
    };
  });
  const namespaces = namespaceTable(schemaSet, schemas.schemas);
  const warnings: GeneratorError[] = [];
  const carried =
    pattern && !documented.length && schemaSet.carriedOperations
      ? carriedOperations(
          resolve(dirname(schemaSet.file), schemaSet.carriedOperations),
          files.text,
        )
      : undefined;
  const versions = carried?.versions ?? documented;
  const operations = timed(timings, "load/operations", () => {
    const found = carried
      ? carried.find(apiVersion, dir)
      : pattern
        ? findOperationsFile(dir, pattern, apiVersion, documented)
        : undefined;
    if (found?.warning) warnings.push(found.warning);
    if (!found?.path) return undefined;
    const read = (version: string, file: string) =>
      carried
        ? carried.document(version)
        : (() => {
            const text = files.text(file);
            return { file, text, json: parseJson(file, text) };
          })();
    const fileOf = (version: string) =>
      carried
        ? carried.name(version)
        : resolve(dir, pattern!.replace("{version}", version));
    const used = read(found.version, fileOf(found.version));
    const document = operationsOf(used.file, used.text, used.json);
    const newer = found.newer === true;
    // The documents up to the one used, oldest first, the one used last.
    const older =
      apiVersion === ALL_VERSIONS || newer
        ? []
        : versions.filter((v) => compareVersions(v, found.version) < 0);
    // Each older document parsed once: listed for the history, read in full for what it dropped.
    const parsed = new Map(
      older.map((version) => {
        const { file, text, json } = read(version, fileOf(version));
        return [file, { version, text, json }];
      }),
    );
    const history = older.length
      ? operationHistory(
          [
            ...[...parsed].map(([file, { version, json }]) => ({
              version,
              file,
              operations: listOperations(json),
            })),
            {
              version: found.version,
              file: document.file,
              operations: document.operations,
            },
          ],
          (file, ids) => {
            const { text, json } = parsed.get(file)!;
            return operationsOf(file, text, json, ids).operations;
          },
        )
      : NO_HISTORY;
    return {
      document,
      version: found.version,
      newer,
      history,
      carried: carried !== undefined,
    };
  });
  const operationOverrides = schemaSet.operationOverrides
    ? readOperationOverrides(
        resolve(dirname(schemaSet.file), schemaSet.operationOverrides),
        new Map(namespaces.map((ns) => [ns.prefix, ns.uri])),
        files.text,
      )
    : [];
  const versionFacts = readVersionFacts(DEFAULT_VERSION_FACTS, files.text);
  const linkRels = readLinkRels(DEFAULT_LINK_RELS, files.text);
  const queryParameterFacts = readQueryParameterFacts(
    DEFAULT_QUERY_PARAMETER_FACTS,
    files.text,
  );
  const queryTypeFacts = readQueryTypeFacts(
    DEFAULT_QUERY_TYPE_FACTS,
    files.text,
  );
  return {
    dir,
    schemaSet,
    release,
    label: inputsLabel(release, schemaSet),
    apiVersion,
    catalog,
    schemas,
    namespaces,
    operationsVersions: versions,
    operations,
    operationOverrides,
    versionFacts,
    linkRels,
    queryParameterFacts,
    queryTypeFacts,
    warnings,
    files: files.files(),
    listings: files.listings(),
  };
}

/**
 * The version generated for when none is given: the release's newest, else that of the newest
 * operations document in the input folder, else the schema-set description's.
 */
function newestVersion(
  inputDir: string,
  schemaSet: SchemaSetConfig,
  release: Release | undefined,
  documented: readonly string[],
): string {
  if (release) return release.newestApiVersion;
  const newest =
    documented[documented.length - 1] ?? schemaSet.newestApiVersion;
  if (newest === undefined)
    throw new GeneratorError(
      `cannot tell which API version ${inputDir} describes (no known release, no operations document): give --api-version`,
    );
  return newest;
}
