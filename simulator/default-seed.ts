/**
 * vcd-codegen runtime, simulator: the default seed. The System organization with the system
 * administrator; the tenant `acme` with an Organization Administrator, a vApp Author and a vApp User,
 * one network, one VDC and a catalog with one vApp template of one VM; a second tenant, `globex`, to
 * show what one organization may not see of another.
 */
import type { SeedData } from "./store/seed.js";

export const defaultSeed: SeedData = {
  orgs: [
    {
      name: "System",
      fullName: "System Organization",
      users: [
        {
          name: "administrator",
          password: "Pa55w0rd",
          role: "System Administrator",
          fullName: "System Administrator",
        },
      ],
    },
    {
      name: "acme",
      fullName: "Acme Corporation",
      description: "A tenant",
      users: [
        {
          name: "acme-admin",
          password: "acme-admin-pw",
          role: "Organization Administrator",
          fullName: "Acme Administrator",
        },
        {
          name: "acme-author",
          password: "acme-author-pw",
          role: "vApp Author",
        },
        { name: "acme-user", password: "acme-user-pw", role: "vApp User" },
      ],
      networks: [
        {
          name: "acme-net",
          fenceMode: "bridged",
          gateway: "192.168.10.1",
          netmask: "255.255.255.0",
        },
      ],
      vdcs: [{ name: "acme-vdc", networks: ["acme-net"] }],
      catalogs: [
        {
          name: "acme-catalog",
          description: "Templates of Acme",
          items: [
            {
              name: "photon-template",
              vdc: "acme-vdc",
              template: {
                name: "photon-template",
                description: "Photon OS, one VM",
                vms: [
                  {
                    name: "photon",
                    cpus: 2,
                    memoryMb: 2048,
                    osType: "otherLinux64Guest",
                    osId: 102,
                    diskMb: 16384,
                    network: "acme-net",
                  },
                ],
              },
            },
          ],
        },
      ],
    },
    {
      name: "globex",
      fullName: "Globex Corporation",
      users: [
        {
          name: "globex-admin",
          password: "globex-admin-pw",
          role: "Organization Administrator",
        },
      ],
      vdcs: [{ name: "globex-vdc" }],
    },
  ],
};
