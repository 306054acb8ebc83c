/**
 * TEMPORARY: operation rows built from /work/shared/vcd-api/operations/30.0.openapi.json (read in
 * place, never copied), until the generated package exports its own `operations` table. `binding()`
 * switches to the package's table as soon as it has one.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type {
  BodyShape,
  HttpMethod,
  OperationInfo,
  OperationTag,
} from "../../../runtime/client/operation.js";
import { VCD_API_DIR } from "../../helpers/vcd-inputs.js";

interface ElementRow {
  element: string;
  type: string;
  xmlMediaType?: string;
}

interface OpenApiOperation {
  tags?: string[];
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: {
    content?: Record<string, { schema?: { "x-xsd-type"?: string } }>;
  };
  responses?: Record<
    string,
    { content?: Record<string, { schema?: { "x-xsd-type"?: string } }> }
  >;
  security?: Record<string, unknown>[];
  deprecated?: boolean;
}

const METHODS = ["get", "put", "post", "delete"] as const;

export function operationsFromJson(
  elements: readonly ElementRow[],
): OperationInfo[] {
  const doc = JSON.parse(
    readFileSync(join(VCD_API_DIR, "operations/30.0.openapi.json"), "utf8"),
  ) as { paths: Record<string, Record<string, unknown>> };
  const shape = (mediaType: string, type: string | undefined): BodyShape[] => {
    if (!type) return [];
    const candidates = elements.filter((e) => e.type === type);
    const element =
      candidates.find((e) => e.xmlMediaType === mediaType) ?? candidates[0];
    return element ? [{ mediaType, type, element: element.element }] : [];
  };
  const shapes = (
    content: Record<string, { schema?: { "x-xsd-type"?: string } }> | undefined,
  ) =>
    Object.entries(content ?? {}).flatMap(([mt, c]) =>
      shape(mt, c.schema?.["x-xsd-type"]),
    );
  const rows: OperationInfo[] = [];
  const names = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = (item.parameters as OpenApiOperation["parameters"]) ?? [];
    for (const method of METHODS) {
      const op = item[method] as OpenApiOperation | undefined;
      if (!op) continue;
      const params = [...shared, ...(op.parameters ?? [])];
      const requestBodies = shapes(op.requestBody?.content);
      const responses = shapes(op.responses?.["2XX"]?.content);
      let name =
        method +
        path
          .replace(/\{[^}]+\}/g, "")
          .split(/[^A-Za-z0-9]+/)
          .filter(Boolean)
          .map((s) => s[0].toUpperCase() + s.slice(1))
          .join("");
      while (names.has(name)) name += "_";
      names.add(name);
      rows.push({
        name,
        method: method.toUpperCase() as HttpMethod,
        path,
        tag: (op.tags?.[0] ?? "user") as OperationTag,
        auth: op.security?.some((s) => "basicAuth" in s) ? "basic" : "bearer",
        pathParameters: params
          .filter((p) => p.in === "path")
          .map((p) => p.name),
        queryParameters: params
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name, required: !!p.required })),
        requestMediaType: requestBodies[0]?.mediaType ?? null,
        requestType: requestBodies[0]?.type ?? null,
        requestBodies,
        responseMediaTypes: responses.map((r) => r.mediaType),
        responseTypes: responses.map((r) => r.type),
        responses,
        deprecated: !!op.deprecated,
      });
    }
  }
  return rows;
}
