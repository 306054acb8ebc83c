/** The TSDoc of a stub: method and path, what it sends and answers, who may call it, its parameters. */
import type { BodyDecl, Operation } from "../../model/ir.js";
import type { ModelIndex } from "../../model/model-index.js";

const WHO = {
  user: "any user who is logged in (tag `user`)",
  admin:
    "an organization administrator of the organization, or the system administrator (tag `admin`)",
  extension: "the system administrator only (tag `extension`)",
} as const;

export function stubDoc(
  index: ModelIndex,
  op: Operation,
  bodyIsDocument: boolean,
  /** A query whose reply is typed by its `format` parameter. */
  typedByFormat = false,
): string {
  const shapes = (bodies: readonly BodyDecl[]) => {
    const seen = new Map<string, Set<string>>();
    for (const body of bodies) {
      const key = `\`${body.mediaType}\` (\`${index.prefixed(body.type)}\`)`;
      const set = seen.get(key) ?? new Set<string>();
      set.add(index.prefixed(body.element));
      seen.set(key, set);
    }
    return [...seen].map(([key, elements]) =>
      elements.size > 3
        ? `${key}, as any of ${elements.size} elements`
        : `${key} as ${[...elements].map((e) => `\`${e}\``).join(" or ")}`,
    );
  };
  const lines = [`\`${op.method} ${op.path}\``, ""];
  if (op.request.length)
    lines.push(`Sends ${shapes(op.request).join("; or ")}.`, "");
  lines.push(
    op.responses.length
      ? `Answers ${shapes(op.responses).join("; or ")}.`
      : "Answers whatever document the server sends, or nothing: the operations document names no response type.",
    "",
    `Who may call it: ${WHO[op.tag]}.`,
  );
  if (typedByFormat)
    lines.push(
      "",
      'It answers in the format its `format` parameter names: `records` by default (vCloud API Programming Guide, "Query Parameters"), `idrecords` or `references`; the reply is typed by `format`, and an answer of another format is a `VcdResponseError`. Given a link whose href names a format (an `alternate` or `nextPage` link), the reply is that format\'s: name it in `format` too, for the type.',
    );
  if (op.addedIn)
    lines.push(
      "",
      `A session that speaks a version below ${op.addedIn} refuses it before sending.`,
    );
  if (op.removedIn)
    lines.push(
      "",
      `Gone from the operations documents in ${op.removedIn} (described here as \`${op.source.file}\`, the newest to list it, describes it): a session that speaks ${op.removedIn} or later refuses it before sending.`,
    );
  for (const former of op.formerPaths ?? [])
    lines.push(
      "",
      `The ${versionRange(former.from, former.until)} operations documents list it at \`${former.path}\`: the same URL for the ids it takes (one operation, as old as that path).`,
    );
  if (op.queryParameters.length)
    lines.push(
      "",
      `Query parameters: ${op.queryParameters.map((q) => `\`${q.name}\``).join(", ")}.`,
    );
  for (const evidence of op.overrides ?? [])
    lines.push("", `Beyond the operations document: ${evidence}`);
  const params = [
    "@param client - the client to call it with (see `createClient`)",
    op.pathParameters.length
      ? `@param target - the path parameters (${op.pathParameters.map((p) => `\`${p}\``).join(", ")}), or anything with the \`href\` to call (a \`Link\` or \`Reference\`)`
      : "@param target - `{}`, or anything with the `href` to call instead of the path (a `Link` or `Reference`)",
  ];
  if (op.request.length)
    params.push(
      bodyIsDocument
        ? "@param body - the document to send (its element decides the media type); validated before sending"
        : "@param body - the value to send; validated before sending",
    );
  params.push(
    "@param options - an `AbortSignal`, a timeout, extra headers, query parameters",
  );
  if (op.addedIn) params.push(`@since ${op.addedIn}`);
  if (op.removedIn)
    params.push(
      `@deprecated Gone from the operations documents in ${op.removedIn}.`,
    );
  if (op.deprecated && !op.removedIn)
    params.push(
      `@deprecated The operations document marks it deprecated.${op.replacement ? ` ${op.replacement}` : ""}`,
    );
  const body = [...lines, "", ...params].map((line) =>
    line ? ` * ${line.replace(/\*\//g, "*\\/")}` : " *",
  );
  return ["/**", ...body, " */"].join("\n");
}

/** `27.0 to 29.0`, or `27.0` for one version. */
function versionRange(from: string, until: string): string {
  return from === until ? from : `${from} to ${until}`;
}
