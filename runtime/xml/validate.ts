/**
 * vcd-codegen runtime: checks a typed value against the schema and lists every violation, each
 * with the path of the offending value (`VApp.Children.Vm[1].Section[2].IpAddress`), the rule
 * broken and what was expected. Checked at an API version (`new Validator(schema, 32)`), a property
 * the package's version has but that one does not is a violation (`version`), and what was added
 * after it is not required.
 */
import type {
  CompiledComplex,
  CompiledElement,
  CompiledGroup,
  CompiledParticle,
  CompiledSimple,
} from "./compiled-types.js";
import type { CompiledSchema } from "./compiled-schema.js";
import {
  checkBuiltin,
  checkFacets,
  formatBuiltin,
  type SimpleValue,
} from "./simple-values.js";
import { formatVersion, inGap, isRemovedAt, type Gap } from "./api-version.js";
import { invalidChar } from "./xml-escape.js";
import { parseXml } from "./xml-parser.js";
import { Reader } from "./read.js";

export interface Violation {
  /** Where: property names and array indexes from the root element's name. */
  readonly path: string;
  /** The rule broken: `required`, `minOccurs`, `maxOccurs`, `choice`, `enumeration`, `pattern`, `minInclusive`, `version`, ... */
  readonly rule: string;
  /** What was expected there. */
  readonly expected: string;
  readonly message: string;
}

/** Keys every complex value may hold beyond its properties. */
const META_KEYS = new Set(["$type", "$element", "$attributes", "$unknown"]);

type Value = Record<string, unknown>;

export class Validator {
  readonly violations: Violation[] = [];

  /**
   * `version`: the API version checked at, as a number (`Infinity`: none, everything the
   * package has is allowed).
   */
  constructor(
    private readonly schema: CompiledSchema,
    private readonly version: number = Infinity,
  ) {}

  value(
    path: string,
    value: unknown,
    typeKey: string,
    nillable: boolean,
  ): void {
    if (value === null) {
      if (!nillable)
        this.add(path, "nillable", "a value (the element is not nillable)");
      return;
    }
    if (!this.schema.isComplex(typeKey)) {
      if (typeKey === "xs:anyType") this.rawXml(path, value);
      else this.simple(path, value, this.schema.simple(typeKey));
      return;
    }
    if (typeof value !== "object" || Array.isArray(value)) {
      this.add(path, "type", `an object of type ${typeKey}`);
      return;
    }
    const object = value as Value;
    let type = this.schema.complex(typeKey);
    const xsiType = object.$type;
    if (xsiType !== undefined) {
      if (
        typeof xsiType !== "string" ||
        (xsiType !== typeKey && !type.subtypes.has(xsiType))
      ) {
        this.add(
          `${path}.$type`,
          "type",
          `${typeKey} or a type derived from it`,
        );
        return;
      }
      type = this.schema.complex(xsiType);
      if (type.addedIn > this.version) {
        this.tooNew(`${path}.$type`, type.addedIn);
        return;
      }
      if (inGap(type.gap, this.version)) {
        this.lacking(`${path}.$type`, type.gap!);
        return;
      }
    }
    if (type.abstract)
      this.add(
        path,
        "abstract",
        `a $type naming a concrete type derived from ${type.key}`,
      );
    this.complex(path, object, type);
  }

  private complex(path: string, value: Value, type: CompiledComplex): void {
    for (const key of Object.keys(value)) {
      if (
        !type.props.has(key) &&
        !META_KEYS.has(key) &&
        value[key] !== undefined
      ) {
        this.add(
          `${path}.${key}`,
          "unknown",
          `one of the properties of ${type.key}`,
        );
      }
    }
    for (const attribute of type.attributes) {
      const v = value[attribute.prop];
      const at = `${path}.${attribute.prop}`;
      if (v === undefined) {
        if (
          (attribute.required || attribute.requiredBelow > this.version) &&
          !(attribute.addedIn > this.version) &&
          !isRemovedAt(attribute.removedIn, this.version)
        )
          this.add(at, "required", `attribute ${attribute.name}`);
        continue;
      }
      if (attribute.addedIn > this.version) {
        this.tooNew(at, attribute.addedIn);
        continue;
      }
      if (isRemovedAt(attribute.removedIn, this.version)) {
        this.tooOld(at, attribute.removedIn);
        continue;
      }
      this.simple(at, v, attribute.type);
      if (
        attribute.fixed !== undefined &&
        isSimple(v) &&
        formatBuiltin(v) !== attribute.fixed
      ) {
        this.add(at, "fixed", JSON.stringify(attribute.fixed));
      }
    }
    if (value.$attributes !== undefined)
      this.extraAttributes(`${path}.$attributes`, value.$attributes);
    if (type.text) {
      if (value.$value === undefined)
        this.add(`${path}.$value`, "required", "the text content");
      else this.simple(`${path}.$value`, value.$value, type.text);
    }
    if (value.$text !== undefined) {
      if (typeof value.$text !== "string")
        this.add(`${path}.$text`, "type", "a string");
      else this.chars(`${path}.$text`, value.$text);
    }
    const unknown = value.$unknown;
    if (unknown !== undefined) {
      (unknown as { $xml: unknown }[]).forEach((u, i) =>
        this.rawXml(`${path}.$unknown[${i}]`, u),
      );
    }
    for (const group of type.content) this.group(path, value, group, true);
  }

  /** Checks a group's particles; returns whether anything of it is present. */
  private group(
    path: string,
    value: Value,
    group: CompiledGroup,
    required: boolean,
  ): boolean {
    if (group.prop) {
      const items = value[group.prop];
      const at = `${path}.${group.prop}`;
      if (items === undefined) {
        if (required && group.min > 0)
          this.add(at, "required", describe(group));
        return false;
      }
      if (!Array.isArray(items)) {
        this.add(at, "type", "an array");
        return true;
      }
      this.occurs(at, items.length, group.min, group.max);
      items.forEach((item, i) => {
        if (item === null || typeof item !== "object")
          this.add(`${at}[${i}]`, "type", "an object");
        else
          this.group(
            `${at}[${i}]`,
            item as Value,
            { ...group, prop: undefined, min: 1, max: 1 },
            true,
          );
      });
      return true;
    }
    // An optional sequence that is there at all must be there whole.
    const inner =
      (required && group.min > 0) ||
      (group.group !== "choice" &&
        group.max === 1 &&
        this.isPresent(value, group));
    if (group.group !== "choice") {
      let present = false;
      for (const p of group.items)
        present = this.particle(path, value, p, inner) || present;
      return present;
    }
    const present = group.items.filter((p) => this.isPresent(value, p));
    if (present.length > 1 && group.max === 1) {
      this.add(
        `${path}.${propsOf(present[1]).join("|")}`,
        "choice",
        `only one of ${group.items.map(describe).join(", ")}`,
      );
    }
    if (
      present.length === 0 &&
      inner &&
      !group.items.some((p) => this.emptiable(p))
    ) {
      this.add(
        `${path}.${group.items.map((p) => propsOf(p).join("|")).join("|")}`,
        "required",
        `one of ${group.items.map(describe).join(", ")}`,
      );
    }
    for (const p of present) this.particle(path, value, p, true);
    return present.length > 0;
  }

  private particle(
    path: string,
    value: Value,
    p: CompiledParticle,
    required: boolean,
  ): boolean {
    if (p.kind === "group") return this.group(path, value, p, required);
    const v = value[p.prop];
    const at = `${path}.${p.prop}`;
    if (v === undefined) {
      if (required && !this.emptiable(p)) this.add(at, "required", describe(p));
      return false;
    }
    if (p.kind === "element" && p.addedIn > this.version) {
      this.tooNew(at, p.addedIn);
      return true;
    }
    if (p.kind === "element" && isRemovedAt(p.removedIn, this.version)) {
      this.tooOld(at, p.removedIn);
      return true;
    }
    if (p.kind === "any") {
      if (!Array.isArray(v))
        this.add(at, "type", "an array of raw XML elements");
      else v.forEach((item, i) => this.rawXml(`${at}[${i}]`, item, p.accepts));
      return true;
    }
    if (p.repeated) {
      if (!Array.isArray(v)) {
        this.add(at, "type", `an array of ${describe(p)}`);
        return true;
      }
      const min =
        p.requiredBelow > this.version ? Math.max(p.minTotal, 1) : p.minTotal;
      this.occurs(at, v.length, required ? min : 0, p.maxTotal);
      v.forEach((item, i) => this.element(`${at}[${i}]`, item, p));
    } else this.element(at, v, p);
    return true;
  }

  private element(path: string, item: unknown, p: CompiledElement): void {
    if (p.substitutes && item !== null && typeof item === "object") {
      // Without $element the value stands for the head itself (as the writer writes it).
      const name = (item as Value).$element ?? p.name;
      const member =
        typeof name === "string" ? p.substitutes.get(name) : undefined;
      if (!member) {
        this.add(
          `${path}.$element`,
          "element",
          `one of ${[...p.substitutes.keys()].join(", ")}`,
        );
        return;
      }
      if (member.addedIn > this.version) {
        this.tooNew(`${path}.$element`, member.addedIn);
        return;
      }
      if (inGap(member.gap, this.version)) {
        this.lacking(`${path}.$element`, member.gap!);
        return;
      }
      this.value(path, item, member.type, p.nillable);
      return;
    }
    this.value(path, item, p.type, p.nillable);
  }

  private occurs(
    path: string,
    count: number,
    min: number,
    max: number | "unbounded",
  ): void {
    if (count < min) this.add(path, "minOccurs", `at least ${min}`);
    if (max !== "unbounded" && count > max)
      this.add(path, "maxOccurs", `at most ${max}`);
  }

  private simple(path: string, value: unknown, type: CompiledSimple): void {
    if (!isSimple(value)) {
      this.add(path, "type", `a simple value (${type.key})`);
      return;
    }
    if (type.variety === "list") {
      if (!Array.isArray(value)) {
        this.add(path, "type", `a list of ${type.item!.key}`);
        return;
      }
      value.forEach((item, i) =>
        this.simple(`${path}[${i}]`, item, type.item!),
      );
    } else if (type.variety === "union") {
      if (typeof value !== "string") {
        this.add(path, "type", `the text of a value of ${type.key}`);
        return;
      }
      const reader = new Reader(this.schema);
      const ok = type.members.some((m) => {
        const sub = new Validator(this.schema);
        sub.simple(path, reader.simple(value, m), m);
        return sub.violations.length === 0;
      });
      if (!ok)
        this.add(
          path,
          "type",
          `a value of one of ${type.members.map((m) => m.key).join(", ")}`,
        );
      return;
    } else {
      const problem = checkBuiltin(value, type.builtin);
      if (problem) {
        this.add(path, "type", problem);
        return;
      }
    }
    const text = formatBuiltin(value);
    if (!this.chars(path, text)) return;
    if (type.facets) {
      const broken = checkFacets(value, text, type.facets, type.kind);
      if (broken) this.add(path, broken.rule, broken.expected);
    }
  }

  /** Attributes kept from reading (or added by hand): each a name and a string, no name twice. */
  private extraAttributes(path: string, extra: unknown): void {
    if (!Array.isArray(extra)) {
      this.add(path, "type", "a list of { ns, local, value }");
      return;
    }
    const seen = new Set<string>();
    extra.forEach((entry: unknown, i) => {
      const at = `${path}[${i}]`;
      const { ns, local, value } = (entry ?? {}) as Record<string, unknown>;
      if (typeof ns !== "string" || typeof local !== "string") {
        this.add(at, "type", "an attribute: { ns, local, value } of strings");
        return;
      }
      if (checkBuiltin(local, "NCName") !== undefined)
        this.add(`${at}.local`, "type", "a local name (an NCName)");
      const clark = `{${ns}}${local}`;
      if (seen.has(clark))
        this.add(
          at,
          "unique",
          `one attribute ${clark} (an element has each attribute once)`,
        );
      seen.add(clark);
      if (typeof value !== "string")
        this.add(`${at}.value`, "type", "a string");
      else this.chars(`${at}.value`, value);
    });
  }

  private chars(path: string, text: string): boolean {
    const bad = invalidChar(text);
    if (bad === undefined) return true;
    this.add(
      path,
      "xmlChar",
      `text without U+${bad.toString(16).toUpperCase().padStart(4, "0")}, which XML 1.0 cannot carry`,
    );
    return false;
  }

  private rawXml(
    path: string,
    value: unknown,
    accepts?: (ns: string) => boolean,
  ): void {
    const xml = (value as { $xml?: unknown } | null)?.$xml;
    if (typeof xml !== "string") {
      this.add(path, "type", "raw XML ({ $xml: string })");
      return;
    }
    try {
      const root = parseXml(xml);
      if (accepts && !accepts(root.ns))
        this.add(
          path,
          "wildcard",
          "an element in a namespace the wildcard allows",
        );
    } catch (error) {
      this.add(
        path,
        "xml",
        `one well-formed element (${(error as Error).message})`,
      );
    }
  }

  private isPresent(value: Value, p: CompiledParticle): boolean {
    if (p.kind === "group")
      return p.prop
        ? value[p.prop] !== undefined
        : p.items.some((i) => this.isPresent(value, i));
    return value[p.prop] !== undefined;
  }

  /** True when the particle cannot be there at the version checked at. */
  private absent(p: CompiledElement): boolean {
    return p.addedIn > this.version || isRemovedAt(p.removedIn, this.version);
  }

  /** True when the particle is satisfied by nothing at all (at the version checked at). */
  private emptiable(p: CompiledParticle): boolean {
    if (p.kind === "element")
      return (
        (p.min === 0 && !(p.requiredBelow > this.version)) || this.absent(p)
      );
    if (p.min === 0) return true;
    if (p.kind !== "group") return false;
    return p.group === "choice"
      ? p.items.some((i) => this.emptiable(i))
      : p.items.every((i) => this.emptiable(i));
  }

  private add(path: string, rule: string, expected: string): void {
    this.violations.push({
      path,
      rule,
      expected,
      message: `${path}: ${rule}: expected ${expected}`,
    });
  }

  /** A type or element that a release between two that have it lacked (`gap`, which holds the version checked at). */
  lacking(path: string, gap: Gap): void {
    const [from, until] = gap.map(formatVersion);
    this.violations.push({
      path,
      rule: "version",
      expected: `API version below ${from} or from ${until} (checked at ${formatVersion(this.version)})`,
      message: `${path}: version: not sent from ${from} until ${until} (a release between lacks it)`,
    });
  }

  /**
   * A property that a client no longer sends at the version checked at: removed in `removedIn`, or
   * (between two releases, the newer of which lacks it) no longer sent from the version after the older.
   */
  tooOld(path: string, removedIn: number): void {
    const since = formatVersion(removedIn);
    this.violations.push({
      path,
      rule: "version",
      expected: `API version below ${since} (checked at ${formatVersion(this.version)})`,
      message: `${path}: version: not sent from ${since} (removed)`,
    });
  }

  /** A property (or `$type`, `$element`, root element) that the version checked at does not have yet. */
  tooNew(path: string, addedIn: number): void {
    const since = formatVersion(addedIn);
    this.violations.push({
      path,
      rule: "version",
      expected: `API version ${since} or later (checked at ${formatVersion(this.version)})`,
      message: `${path}: version: added in ${since}`,
    });
  }
}

function isSimple(value: unknown): value is SimpleValue {
  return (
    typeof value === "string" ||
    typeof value === "number" ||
    typeof value === "boolean" ||
    Array.isArray(value)
  );
}

function propsOf(p: CompiledParticle): string[] {
  if (p.kind === "group") return p.prop ? [p.prop] : p.items.flatMap(propsOf);
  return [p.prop];
}

function describe(p: CompiledParticle): string {
  if (p.kind === "element") return `element ${p.name}`;
  if (p.kind === "any") return "wildcard content";
  return p.prop
    ? `${p.prop} items`
    : `(${p.items.map(describe).join(p.group === "choice" ? " | " : ", ")})`;
}
