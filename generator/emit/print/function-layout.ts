/**
 * Function declarations laid out as prettier lays them out: the signature on one line when it fits
 * in 80 columns, else one parameter per line with trailing commas; a call in the body alike.
 */
import { PRINT_WIDTH, withTypeParameter } from "./layout.js";

export interface Parameter {
  readonly name: string;
  readonly type: string;
  readonly optional?: boolean;
}

export interface FunctionShape {
  readonly name: string;
  /** Its type parameters (`F extends X = Y`), for a generic function. */
  readonly typeParameter?: string | readonly string[];
  readonly params: readonly Parameter[];
  readonly returnType: string;
  /** The function's one statement: `return <callee>(<args>);`. */
  readonly callee: string;
  readonly args: readonly string[];
}

/** `export function ...` in TypeScript (`ts`), JavaScript (`js`) and a declaration (`d.ts`). */
export function functionDeclaration(
  shape: FunctionShape,
  rendering: "ts" | "js" | "d.ts",
): string {
  const typed = rendering !== "js";
  const params = shape.params.map(
    (p) =>
      `${p.name}${typed && p.optional ? "?" : ""}${typed ? `: ${p.type}` : ""}`,
  );
  const name = `export ${rendering === "d.ts" ? "declare " : ""}function ${shape.name}`;
  const generic =
    typed && shape.typeParameter !== undefined
      ? withTypeParameter(name, shape.typeParameter, "(")
      : name;
  const head = `${generic}(`;
  const tail = `)${typed ? `: ${shape.returnType}` : ""}${rendering === "d.ts" ? ";" : " {"}`;
  const flat = `${head}${params.join(", ")}${tail}`;
  // A broken type parameter breaks the parameters too (prettier's group breaks as a whole).
  const signature =
    (flat.length <= PRINT_WIDTH && !flat.includes("\n")) || params.length === 0
      ? flat
      : `${head}\n${params.map((p) => `  ${p},\n`).join("")}${tail}`;
  if (rendering === "d.ts") return signature;
  return `${signature}\n${callStatement(shape.callee, shape.args)}\n}`;
}

function callStatement(callee: string, args: readonly string[]): string {
  const flat = `  return ${callee}(${args.join(", ")});`;
  if (flat.length <= PRINT_WIDTH) return flat;
  return `  return ${callee}(\n${args.map((a) => `    ${a},\n`).join("")}  );`;
}
