/**
 * vcd-codegen runtime, simulator: what the simulator reads of a request's `InstantiationParams`
 * (instantiateVAppTemplate, composeVApp, ...): its `NetworkConfigSection`, the vApp's networks.
 */
import type { Value } from "../store/model.js";
import { without } from "../store/without.js";

export function networkSectionOf(body: Value): { networkSection?: Value } {
  const sections = (body.InstantiationParams as Value | undefined)?.Section;
  const section = (Array.isArray(sections) ? (sections as Value[]) : []).find(
    (s) => s.$element === "vcloud:NetworkConfigSection",
  );
  return section
    ? { networkSection: without(section, "$element", "href", "type", "Link") }
    : {};
}
