/**
 * vcd-codegen runtime, simulator: the default seed. The System organization with the system
 * administrator; the tenant `acme` with an Organization Administrator, a vApp Author and a vApp User,
 * one network, one VDC (storage profiles Gold, unlimited, and Silver, 200 GB) and a catalog with one
 * vApp template of one VM; a second tenant, `globex`, to
 * show what one organization may not see of another. For the provider API: a registered vCenter,
 * `vc1`, with two resource pools, datastores, port groups, storage profiles and two VMs to import; a
 * provider VDC, `pvdc-gold`, on its first resource pool, which both tenants' VDCs live on; a VLAN
 * network pool, `np-gold-vlan` (VLANs 100-199 of the distributed switch `dvs-41`), assigned to
 * `pvdc-gold` and drawn from by `acme-vdc`; and a second vCenter, `vc2`, that `registervimserver`
 * may add.
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
      vdcs: [
        {
          name: "acme-vdc",
          networks: ["acme-net"],
          providerVdc: "pvdc-gold",
          // Gold unlimited (the default), Silver 200 GB
          storageProfiles: [
            { name: "Gold", default: true },
            { name: "Silver", limitMb: 204_800 },
          ],
          networkPool: "np-gold-vlan",
        },
      ],
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
      vdcs: [{ name: "globex-vdc", providerVdc: "pvdc-gold" }],
    },
  ],
  vcenters: [
    {
      name: "vc1",
      url: "https://vc1.example.com:443",
      username: "administrator@vsphere.local",
      uuid: "5c4e1b2a-8f0d-4c3e-9a7b-1d2e3f4a5b6c",
      version: "7.0.3",
      resourcePools: [
        {
          moref: "resgroup-8",
          name: "Cluster-A",
          cpuMhz: 48_000,
          memoryMb: 262_144,
          datastores: ["datastore-11", "datastore-12"],
        },
        {
          moref: "resgroup-9",
          name: "Cluster-B",
          cpuMhz: 24_000,
          memoryMb: 131_072,
          datastores: ["datastore-12"],
        },
      ],
      datastores: [
        {
          moref: "datastore-11",
          name: "ssd-01",
          capacityMb: 2_097_152,
          freeMb: 1_572_864,
        },
        {
          moref: "datastore-12",
          name: "hdd-01",
          capacityMb: 8_388_608,
          freeMb: 6_291_456,
        },
      ],
      networks: [
        { moref: "dvportgroup-21", name: "pg-external", type: "DV_PORTGROUP" },
        { moref: "dvportgroup-22", name: "pg-vxlan", type: "DV_PORTGROUP" },
        { moref: "network-23", name: "VM Network", type: "NETWORK" },
      ],
      switches: [{ moref: "dvs-41", name: "dvSwitch-A" }],
      storageProfiles: [
        {
          name: "Gold",
          moref: "vm-storage-policy-1",
          datastores: ["datastore-11"],
        },
        {
          name: "Silver",
          moref: "vm-storage-policy-2",
          datastores: ["datastore-12"],
        },
      ],
      vms: [
        {
          moref: "vm-31",
          name: "legacy-web",
          cpus: 2,
          memoryMb: 4096,
          diskMb: 40_960,
          osType: "centos7_64Guest",
          osId: 107,
        },
        {
          moref: "vm-32",
          name: "legacy-db",
          cpus: 4,
          memoryMb: 8192,
          diskMb: 102_400,
          osType: "centos7_64Guest",
          osId: 107,
        },
      ],
      hosts: [
        {
          moref: "host-41",
          name: "esx-01.example.com",
          cpuType: "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz",
          cpuCores: 20,
          cpuMhz: 42_000,
          memoryMb: 196_608,
          osVersion: "7.0.3",
        },
        {
          moref: "host-42",
          name: "esx-02.example.com",
          cpuType: "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz",
          cpuCores: 20,
          cpuMhz: 42_000,
          memoryMb: 196_608,
          osVersion: "7.0.3",
        },
      ],
      files: [
        {
          datastore: "datastore-12",
          path: "iso/centos-7-minimal.iso",
          sizeBytes: 1_048_576_000,
        },
      ],
    },
  ],
  unregisteredVcenters: [
    {
      name: "vc2",
      url: "https://vc2.example.com:443",
      username: "administrator@vsphere.local",
      password: "vc2-Pa55w0rd",
      uuid: "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
      version: "7.0.3",
      resourcePools: [
        {
          moref: "resgroup-108",
          name: "Cluster-C",
          cpuMhz: 32_000,
          memoryMb: 196_608,
          datastores: ["datastore-111"],
        },
      ],
      datastores: [
        {
          moref: "datastore-111",
          name: "vsan-01",
          capacityMb: 4_194_304,
          freeMb: 4_000_000,
        },
      ],
      networks: [
        { moref: "dvportgroup-121", name: "pg-dmz", type: "DV_PORTGROUP" },
      ],
      storageProfiles: [
        {
          name: "vSAN Default",
          moref: "vm-storage-policy-11",
          datastores: ["datastore-111"],
        },
      ],
    },
  ],
  providerVdcs: [
    {
      name: "pvdc-gold",
      description: "Cluster-A of vc1",
      vcenter: "vc1",
      resourcePool: "resgroup-8",
      storageProfiles: ["Gold", "Silver"],
      networkPools: ["np-gold-vlan"],
    },
  ],
  networkPools: [
    {
      name: "np-gold-vlan",
      description: "VLANs 100-199 of dvSwitch-A",
      vcenter: "vc1",
      type: "vlan",
      switch: "dvs-41",
      vlanRanges: [{ start: 100, end: 199 }],
    },
  ],
};
