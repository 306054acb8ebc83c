/**
 * A schema reference of ccouzens/vcloud-rest-openapi (`#/components/schemas/vcloud-ext_AclRuleType`:
 * `<prefix>_<XSD type name>`) -> our `x-xsd-type` (`vcloud-ext:AclRuleType`). The prefix is what comes
 * before the first `_` (type names may hold more: `ovf_Section_Type` is `ovf:Section_Type`); it must
 * be one of our operations prefixes (schemas/vcd-api.json `operationPrefixes`: `vcloud`,
 * `vcloud-ext`, `ovf`, `versioning`), which that project uses too.
 */
const SCHEMAS = "#/components/schemas/";

export type SchemaName =
  { readonly xsdType: string } | { readonly error: string };

export function xsdTypeOf(
  ref: string,
  prefixes: Readonly<Record<string, string>>,
): SchemaName {
  if (!ref.startsWith(SCHEMAS))
    return { error: `"${ref}" is not a reference to #/components/schemas/` };
  const name = ref.slice(SCHEMAS.length);
  const cut = name.indexOf("_");
  const known = Object.keys(prefixes).join(", ");
  if (cut <= 0 || cut === name.length - 1)
    return {
      error: `the schema "${name}" is not named <prefix>_<Type> (prefixes: ${known})`,
    };
  const prefix = name.slice(0, cut);
  if (!Object.hasOwn(prefixes, prefix))
    return {
      error: `unknown schema prefix "${prefix}" in "${name}" (known: ${known})`,
    };
  return { xsdType: `${prefix}:${name.slice(cut + 1)}` };
}
