/** The interface of a complex type, the item types of its repeating groups, and its union with its subtypes. */
import type { ComplexTypeDef, ModelGroup } from "../../model/ir.js";
import { docComment } from "../print/doc-comment.js";
import { interfaceHead, propertyKey, typeAlias } from "../print/layout.js";
import { RUNTIME_VALUES, namespaceModule } from "../modules.js";
import { template } from "../templates.js";
import {
  elementProperties,
  isParticleGroup,
  type Property,
  type PropertyContext,
} from "./properties.js";
import { builtinExpression } from "./type-expression.js";
import { isBuiltin } from "../../model/builtins.js";

export function emitComplexType(
  ctx: PropertyContext,
  type: ComplexTypeDef,
): void {
  const { index, file, expressions } = ctx;
  const base = type.base ? index.complex(type.base) : undefined;
  const standalone = type.derivation === "restriction" && !type.simpleContent;
  const groups = standalone
    ? index.contentGroups(type)
    : type.particle
      ? [type.particle]
      : [];
  const members: Property[] = elementProperties(ctx, type, groups);
  const attributes = standalone
    ? index.allAttributes(type)
    : type.attributes.filter((a) => a.use !== "prohibited");
  for (const attribute of attributes) {
    members.push({
      name: attribute.tsName,
      optional: attribute.use !== "required",
      type: expressions.ofType(file, attribute.type),
      annotations: attribute.annotations,
      xsd: `attribute ${index.prefixed(attribute.name)}`,
      notes:
        attribute.default !== undefined
          ? [`Default: \`${attribute.default}\`.`]
          : attribute.fixed !== undefined
            ? [`Fixed: \`${attribute.fixed}\`.`]
            : undefined,
    });
  }
  if (type.simpleContent && (!base || !base.simpleContent)) {
    members.push({
      name: "$value",
      optional: false,
      type: isBuiltin(type.simpleContent)
        ? builtinExpression(type.simpleContent)
        : expressions.ofType(file, type.simpleContent),
      annotations: {},
      notes: ["The text content."],
    });
  }
  if (type.mixed && !(base && index.isMixed(base))) {
    members.push({
      name: "$text",
      optional: true,
      type: "string",
      annotations: {},
      notes: ["Text between the child elements (mixed content)."],
    });
  }
  const extendsText =
    base && !standalone
      ? expressions.exactly(file, base.id)
      : file.refer(RUNTIME_VALUES, "ElementValue");
  const xsdName = type.qname
    ? index.prefixed(type.qname)
    : `${index.prefixed(type.id)} (anonymous)`;
  const notes = type.abstract
    ? ["Abstract: only its subtypes stand in documents."]
    : undefined;
  if (members.length === 0)
    file.allowLint(
      "@typescript-eslint/no-empty-object-type",
      "an XSD type that adds nothing to its base keeps a name of its own",
    );
  file.add(
    template("types/interface")({
      doc: docComment(type.annotations, {
        xsd: xsdName,
        source: type.source,
        notes,
      }),
      head: interfaceHead(type.tsName, extendsText),
      members: members.map((m) => ({
        doc: docComment(m.annotations, { xsd: m.xsd, notes: m.notes }, "  "),
        key: propertyKey(m.name),
        optional: m.optional,
        type: m.type,
      })),
    }).trimEnd(),
  );
  for (const group of groups) emitItemTypes(ctx, type, group);
  if (type.unionTsName) emitSubtypeUnion(ctx, type);
}

/** For each repeating group held as one property: the type of one of its items. */
function emitItemTypes(
  ctx: PropertyContext,
  owner: ComplexTypeDef,
  group: ModelGroup,
): void {
  if (group.tsName && group.itemTsName) {
    const members = elementProperties(ctx, owner, [
      { ...group, minOccurs: 1, maxOccurs: 1, tsName: undefined },
    ]);
    const doc = docComment(
      {},
      {
        notes: [
          `One occurrence of the repeating ${group.kind} \`${group.tsName}\` of {@link ${owner.tsName}}.`,
        ],
      },
    );
    if (group.kind === "choice") {
      const mapName = `${group.itemTsName}s`;
      ctx.file.add(
        template("types/interface")({
          doc: docComment(
            {},
            {
              notes: [
                `The elements that may stand in one item of \`${group.tsName}\`, by property.`,
              ],
            },
          ),
          head: interfaceHead(mapName, undefined),
          members: members.map((m) => ({
            doc: docComment(m.annotations, { xsd: m.xsd }, "  "),
            key: propertyKey(m.name),
            optional: false,
            type: m.type,
          })),
        }).trimEnd(),
      );
      ctx.file.add(
        `${doc}\n${typeAlias(group.itemTsName, [`${ctx.file.refer(RUNTIME_VALUES, "OneOf")}<${mapName}>`])}`,
      );
    } else {
      ctx.file.add(
        template("types/interface")({
          doc,
          head: interfaceHead(group.itemTsName, undefined),
          members: members.map((m) => ({
            doc: docComment(m.annotations, { xsd: m.xsd }, "  "),
            key: propertyKey(m.name),
            optional: m.optional,
            type: m.type,
          })),
        }).trimEnd(),
      );
    }
    return;
  }
  for (const particle of group.particles)
    if (isParticleGroup(particle)) emitItemTypes(ctx, owner, particle);
}

/** `Any<T>`: T itself (unless abstract) or any of its concrete subtypes, tagged with `$type`. */
function emitSubtypeUnion(ctx: PropertyContext, type: ComplexTypeDef): void {
  const { index, file } = ctx;
  const mapName = `${type.unionTsName}Subtypes`;
  const subtypes = index
    .instantiableAs(type)
    .filter((t) => t.id !== type.id && t.qname);
  file.add(
    template("types/interface")({
      doc: docComment(
        {},
        {
          notes: [
            `The concrete types derived from {@link ${type.tsName}}, by their \`xsi:type\` name.`,
          ],
        },
      ),
      head: interfaceHead(mapName, undefined),
      members: subtypes.map((sub) => ({
        doc: "",
        key: propertyKey(index.prefixed(sub.qname!)),
        optional: false,
        type: file.refer(
          namespaceModule(index.namespace(sub.namespace)),
          sub.tsName,
        ),
      })),
    }).trimEnd(),
  );
  const members = [
    ...(type.abstract ? [] : [type.tsName]),
    `${file.refer(RUNTIME_VALUES, "XsiOf")}<${mapName}>`,
  ];
  const doc = docComment(
    {},
    {
      notes: [
        `A {@link ${type.tsName}} or any type derived from it; a derived type's value carries its \`$type\` (written as \`xsi:type\`).`,
      ],
    },
  );
  file.add(`${doc}\n${typeAlias(type.unionTsName!, members)}`);
}
