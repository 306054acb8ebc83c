/**
 * vcd-codegen runtime, simulator: the sections a new VM starts with (guest customization, network
 * connections), as the schema's values.
 */
import type { Network, Value } from "./model.js";

/** A computer name vCD accepts: letters, digits and hyphens, at most 15 characters. */
export function computerName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9-]/g, "-").slice(0, 15);
  return cleaned === "" ? "vm" : cleaned;
}

export function defaultGuestCustomization(uuid: string, name: string): Value {
  return {
    Info: { $value: "Specifies Guest OS Customization Settings" },
    Enabled: true,
    ChangeSid: false,
    VirtualMachineId: uuid,
    JoinDomainEnabled: false,
    UseOrgSettings: false,
    AdminPasswordEnabled: true,
    AdminPasswordAuto: true,
    AdminAutoLogonEnabled: false,
    AdminAutoLogonCount: 0,
    ResetPasswordRequired: false,
    ComputerName: computerName(name),
  };
}

/** A MAC address from VMware's range, drawn from the VM's id. */
export function macAddress(uuid: string): string {
  const hex = uuid.replace(/-/g, "");
  return `00:50:56:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

export function defaultNetworkConnection(
  uuid: string,
  network: Network | undefined,
  hostNumber: number,
): Value {
  if (!network)
    return {
      Info: { $value: "Specifies the available VM network connections" },
    };
  const prefix = network.gateway.split(".").slice(0, 3).join(".");
  return {
    Info: { $value: "Specifies the available VM network connections" },
    PrimaryNetworkConnectionIndex: 0,
    NetworkConnection: [
      {
        network: network.name,
        needsCustomization: false,
        NetworkConnectionIndex: 0,
        IpAddress: `${prefix}.${100 + (hostNumber % 150)}`,
        IsConnected: true,
        MACAddress: macAddress(uuid),
        IpAddressAllocationMode: "POOL",
      },
    ],
  };
}
