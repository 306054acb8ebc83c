/** The seeded organization administrator of a tenant (not of `System`), as the workflows log in. */
import type {
  Simulator,
  SimulatorUser,
} from "../../simulator/binding.js";

export function tenantAdmin(sim: Simulator): SimulatorUser {
  const admin = sim.users.find(
    (u) => u.org !== "System" && u.role === "Organization Administrator",
  );
  if (!admin) throw new Error("the simulator seeds no tenant administrator");
  return admin;
}

/** The credentials of `user` for `login`. */
export function credentialsOf(user: SimulatorUser): {
  user: string;
  org: string;
  password: string;
} {
  return { user: user.name, org: user.org, password: user.password };
}
