/**
 * vcd-codegen runtime, simulator: routing from the operations rows. Each row's path template
 * (`/vApp/{id}/power/action/powerOn`, relative to `/api`) becomes a matcher; literal segments win over
 * parameters, and a trailing slash is ignored (vCD's own hrefs often carry one). The answers to
 * `has` are remembered per method and path (links ask the same questions for every representation,
 * about the store's own hrefs); a request's `find` is not, so that nothing a client sends (before it
 * is even authenticated) is kept.
 */
import type { HttpMethod, OperationInfo } from "../runtime/client/operation.js";

export interface Route {
  readonly op: OperationInfo;
  readonly params: Readonly<Record<string, string>>;
}

/** No operation has this path (404), or none has it with this method (405, with the methods that do). */
export type RouteMiss =
  | { readonly kind: "unknown-path" }
  | { readonly kind: "wrong-method"; readonly allowed: readonly HttpMethod[] };

interface Matcher {
  readonly segments: readonly string[];
  readonly literals: number;
  readonly ops: Map<HttpMethod, OperationInfo>;
}

const trimSlashes = (path: string): string[] =>
  path.split("/").filter((segment) => segment !== "");

/** Links' paths remembered before the memo starts over (hrefs carry ids: it grows with the store). */
const MEMO_LIMIT = 50_000;

export class Router {
  private readonly matchers: Matcher[] = [];
  private readonly memo = new Map<string, boolean>();

  constructor(operations: readonly OperationInfo[]) {
    const byPath = new Map<string, Matcher>();
    for (const op of operations) {
      const segments = trimSlashes(op.path);
      const key = segments.join("/");
      let matcher = byPath.get(key);
      if (!matcher) {
        matcher = {
          segments,
          literals: segments.filter((s) => !s.startsWith("{")).length,
          ops: new Map(),
        };
        byPath.set(key, matcher);
        this.matchers.push(matcher);
      }
      if (!matcher.ops.has(op.method)) matcher.ops.set(op.method, op);
    }
    this.matchers.sort((a, b) => b.literals - a.literals);
  }

  /** How many answers are remembered (for links). */
  get remembered(): number {
    return this.memo.size;
  }

  /** The operation for a path below `/api` (`/vApp/vapp-1`), or why there is none. Nothing is remembered. */
  find(method: string, path: string): Route | RouteMiss {
    const segments = trimSlashes(path).map(decodeSegment);
    let allowed: HttpMethod[] | undefined;
    for (const matcher of this.matchers) {
      const params = matchSegments(matcher.segments, segments);
      if (!params) continue;
      const op = matcher.ops.get(method as HttpMethod);
      if (op) return { op, params };
      allowed ??= [...matcher.ops.keys()];
    }
    return allowed
      ? { kind: "wrong-method", allowed }
      : { kind: "unknown-path" };
  }

  /** Whether some operation answers `method` at this path (links are only written when one does). */
  has(method: HttpMethod, path: string): boolean {
    const key = `${method} ${path}`;
    let found = this.memo.get(key);
    if (found === undefined) {
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      found = "op" in this.find(method, path);
      this.memo.set(key, found);
    }
    return found;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchSegments(
  template: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i];
    if (t.startsWith("{") && t.endsWith("}"))
      params[t.slice(1, -1)] = segments[i];
    else if (t !== segments[i]) return undefined;
  }
  return params;
}
