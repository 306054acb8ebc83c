/**
 * vcd-codegen runtime, simulator: rights, written once. Each operation of the `user` tag that needs
 * a right names it here by its family (method and path template below `/api`), in vCD's words
 * (`vApp: Power Operations`); the first rule that matches wins, and an operation no rule matches
 * needs no right beyond the access to its entities. The predefined roles' rights come from the same
 * table (`PREDEFINED_RIGHTS`); a custom role has the rights it was created with (`RightReference`
 * names). Operations of the `admin` tag need an Organization Administrator and those of the
 * `extension` tag the system administrator (pipeline.ts), not a right of this table.
 *
 * Evidence: the right names are vCD's (its `Right` entities, `GET /admin/rights/query`; the
 * Programming Guide's "Working With Roles and Rights", ../shared/seeds); which predefined role holds
 * which follows vCD's role descriptions: a vApp User uses existing vApps (power, console, snapshots,
 * sharing, properties) but creates none; a vApp Author also creates and reconfigures vApps; a
 * Catalog Author also adds to catalogs and uploads templates and media; an Organization
 * Administrator holds every right, `General: Administrator Control` (writes to the VDC itself, to
 * tasks and to the site) only it among the predefined roles of an organization.
 */
import type { HttpMethod } from "../../runtime/client/operation.js";
import type { RoleName } from "./seed.js";

export const RIGHTS = {
  vappPower: "vApp: Power Operations",
  vappCreate: "vApp: Create / Reconfigure a vApp",
  vappCopy: "vApp: Copy",
  vappDelete: "vApp: Delete",
  vappEdit: "vApp: Edit Properties",
  vappEditVm: "vApp: Edit VM Properties",
  vappCpu: "vApp: Edit VM CPU",
  vappMemory: "vApp: Edit VM Memory",
  vappHardDisk: "vApp: Edit VM Hard Disk",
  vappNetwork: "vApp: Edit VM Network",
  vappSnapshot: "vApp: Snapshot Operations",
  vappSharing: "vApp: Sharing",
  vappViewAcl: "vApp: View ACL",
  vappOwner: "vApp: Change Owner",
  vappConsole: "vApp: Use Console",
  catalogView: "Catalog: View Private and Shared Catalogs",
  catalogAddVApp: "Catalog: Add vApp from My Cloud",
  catalogSharing: "Catalog: Sharing",
  catalogViewAcl: "Catalog: View ACL",
  itemEdit: "Catalog Item: Edit vApp Template / Media",
  vdcView: "Organization vDC: View",
  diskCreate: "Disk: Create",
  diskDelete: "Disk: Delete",
  diskEdit: "Disk: Edit Properties",
  diskView: "Disk: View Properties",
  diskOwner: "Disk: Change Owner",
  templateCreate: "vApp Template / Media: Create / Upload",
  templateCopy: "vApp Template / Media: Copy",
  adminControl: "General: Administrator Control",
} as const;

export type RightName = (typeof RIGHTS)[keyof typeof RIGHTS];

interface RightRule {
  /** Methods it applies to; absent: every method. */
  readonly methods?: readonly HttpMethod[];
  /** Against the operation's path template (`/vApp/{id}/power/action/powerOn`). */
  readonly path: RegExp;
  readonly right: RightName;
}

const WRITE: readonly HttpMethod[] = ["POST", "PUT", "DELETE"];
const VAPP = String.raw`^/vApp/\{id\}`;
const VDC_ACTION = String.raw`^/vdc/\{id\}/action/`;

/** From the most specific to the most general: the first that matches an operation names its right. */
const RULES: readonly RightRule[] = [
  { path: new RegExp(`${VAPP}/power/action/`), right: RIGHTS.vappPower },
  {
    path: new RegExp(
      `${VAPP}/action/(deploy|undeploy|discardSuspendedState|enterMaintenanceMode|exitMaintenanceMode)$`,
    ),
    right: RIGHTS.vappPower,
  },
  {
    path: new RegExp(
      `${VAPP}/action/(createSnapshot|revertToCurrentSnapshot|removeAllSnapshots)$`,
    ),
    right: RIGHTS.vappSnapshot,
  },
  {
    path: new RegExp(`${VAPP}/action/controlAccess$`),
    right: RIGHTS.vappSharing,
  },
  {
    methods: ["GET"],
    path: new RegExp(`${VAPP}/controlAccess$`),
    right: RIGHTS.vappViewAcl,
  },
  {
    methods: ["PUT"],
    path: new RegExp(`${VAPP}/owner$`),
    right: RIGHTS.vappOwner,
  },
  {
    path: new RegExp(`${VAPP}/screen/action/`),
    right: RIGHTS.vappConsole,
  },
  {
    methods: WRITE,
    path: new RegExp(`${VAPP}/virtualHardwareSection/cpu$`),
    right: RIGHTS.vappCpu,
  },
  {
    methods: WRITE,
    path: new RegExp(`${VAPP}/virtualHardwareSection/memory$`),
    right: RIGHTS.vappMemory,
  },
  {
    methods: WRITE,
    path: new RegExp(`${VAPP}/(virtualHardwareSection/disks|disk/action/)`),
    right: RIGHTS.vappHardDisk,
  },
  {
    methods: WRITE,
    path: new RegExp(
      `${VAPP}/(networkConnectionSection|virtualHardwareSection/networkCards)`,
    ),
    right: RIGHTS.vappNetwork,
  },
  {
    methods: WRITE,
    path: new RegExp(
      `${VAPP}/(virtualHardwareSection|guestCustomizationSection|operatingSystemSection|productSections)`,
    ),
    right: RIGHTS.vappEditVm,
  },
  {
    path: new RegExp(`${VAPP}/action/(recomposeVApp|reconfigureVm)$`),
    right: RIGHTS.vappCreate,
  },
  {
    methods: ["DELETE"],
    path: new RegExp(`${VAPP}$`),
    right: RIGHTS.vappDelete,
  },
  { methods: WRITE, path: new RegExp(VAPP), right: RIGHTS.vappEdit },
  {
    path: new RegExp(`${VDC_ACTION}cloneVApp$`),
    right: RIGHTS.vappCopy,
  },
  {
    path: new RegExp(`${VDC_ACTION}captureVApp$`),
    right: RIGHTS.catalogAddVApp,
  },
  {
    path: new RegExp(
      `${VDC_ACTION}(instantiateVAppTemplate|instantiateOvf|composeVApp)$`,
    ),
    right: RIGHTS.vappCreate,
  },
  {
    methods: ["POST"],
    path: /^\/vdc\/\{id\}\/disk$/,
    right: RIGHTS.diskCreate,
  },
  {
    methods: ["POST"],
    path: new RegExp(`${VDC_ACTION}(cloneVAppTemplate|cloneMedia)$`),
    right: RIGHTS.templateCopy,
  },
  {
    methods: ["POST"],
    path: /^\/vdc\/\{id\}\/(action\/uploadVAppTemplate|media)$/,
    right: RIGHTS.templateCreate,
  },
  { methods: ["GET"], path: /^\/vdc\/\{id\}/, right: RIGHTS.vdcView },
  // the VDC itself, its sharing and affinity rules, a VDC template's instantiation, tasks made or
  // updated by hand, shadow VMs, VM groups and the site's associations: an administrator's
  {
    methods: WRITE,
    path: /^\/(vdc\/\{id\}(\/action\/controlAccess|\/vmAffinityRules.*)?|org\/\{id\}\/action\/instantiate|task\/\{id\}|tasksList\/\{id\}|shadowVm\/\{id\}|vmGroups|site(\/.*)?)$/,
    right: RIGHTS.adminControl,
  },
  {
    path: /^\/org\/\{id\}\/catalog\/\{catalogId\}\/action\/controlAccess$/,
    right: RIGHTS.catalogSharing,
  },
  {
    methods: ["GET"],
    path: /^\/org\/\{id\}\/catalog\/\{catalogId\}\/controlAccess$/,
    right: RIGHTS.catalogViewAcl,
  },
  {
    methods: ["POST"],
    path: /^\/catalog\/\{id\}\/(catalogItems|action\/)/,
    right: RIGHTS.catalogAddVApp,
  },
  {
    methods: WRITE,
    path: /^\/(catalogItem|vAppTemplate|media)\/\{id\}/,
    right: RIGHTS.itemEdit,
  },
  {
    methods: ["GET"],
    path: /^\/(catalog|catalogItem|vAppTemplate)\/\{id\}/,
    right: RIGHTS.catalogView,
  },
  {
    methods: ["DELETE"],
    path: /^\/disk\/\{id\}$/,
    right: RIGHTS.diskDelete,
  },
  {
    methods: ["PUT"],
    path: /^\/disk\/\{id\}\/owner$/,
    right: RIGHTS.diskOwner,
  },
  { methods: WRITE, path: /^\/disk\/\{id\}/, right: RIGHTS.diskEdit },
  { methods: ["GET"], path: /^\/disk\/\{id\}/, right: RIGHTS.diskView },
];

/** The right an operation needs, if any (an operation of the `user` tag; see the file's comment). */
export function rightFor(method: string, path: string): RightName | undefined {
  const template = path.replace(/\/+$/, "") || "/";
  return RULES.find(
    (r) =>
      (!r.methods || r.methods.includes(method as HttpMethod)) &&
      r.path.test(template),
  )?.right;
}

const ALL: readonly RightName[] = Object.values(RIGHTS);
const VAPP_USER: readonly RightName[] = [
  RIGHTS.vappPower,
  RIGHTS.vappDelete,
  RIGHTS.vappEdit,
  RIGHTS.vappEditVm,
  RIGHTS.vappSnapshot,
  RIGHTS.vappSharing,
  RIGHTS.vappViewAcl,
  RIGHTS.vappConsole,
  RIGHTS.catalogView,
  RIGHTS.vdcView,
  RIGHTS.diskView,
];
const VAPP_AUTHOR: readonly RightName[] = [
  ...VAPP_USER,
  RIGHTS.vappCreate,
  RIGHTS.vappCopy,
  RIGHTS.vappCpu,
  RIGHTS.vappMemory,
  RIGHTS.vappHardDisk,
  RIGHTS.vappNetwork,
  RIGHTS.catalogAddVApp,
  RIGHTS.templateCopy,
  RIGHTS.diskCreate,
  RIGHTS.diskDelete,
  RIGHTS.diskEdit,
];

/** The rights of vCD's predefined roles. */
export const PREDEFINED_RIGHTS: Readonly<
  Record<RoleName, readonly RightName[]>
> = {
  "System Administrator": ALL,
  "Organization Administrator": ALL,
  "Catalog Author": [
    ...VAPP_AUTHOR,
    RIGHTS.catalogSharing,
    RIGHTS.catalogViewAcl,
    RIGHTS.itemEdit,
    RIGHTS.templateCreate,
  ],
  "vApp Author": VAPP_AUTHOR,
  "vApp User": VAPP_USER,
  "Console Access Only": [
    RIGHTS.vappConsole,
    RIGHTS.vdcView,
    RIGHTS.catalogView,
  ],
};
