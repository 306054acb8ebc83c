/**
 * A logged-in user of a simulator, with raw HTTP: GET a document (asserting its status and root),
 * send one, wait for a task (bounded), read the package's values.
 */
import { expect } from "vitest";
import type { Simulator } from "../../../simulator/index.js";
import type { GeneratedPackage } from "../../helpers/generated-packages.js";
import { login, raw, type RawResponse } from "./http.js";

export interface Link {
  rel: string;
  href: string;
  type?: string;
  name?: string;
}

export type Entity = {
  href: string;
  name: string;
  id?: string;
  status?: number | string;
  Link?: Link[];
} & Record<string, unknown>;

export interface Sent extends RawResponse {
  readonly element?: string;
  readonly value?: Entity;
}

export class UserSession {
  private constructor(
    readonly sim: Simulator,
    readonly pkg: GeneratedPackage,
    readonly headers: Record<string, string>,
  ) {}

  static async open(
    sim: Simulator,
    pkg: GeneratedPackage,
    user: { org: string; name: string; password: string },
  ): Promise<UserSession> {
    return new UserSession(sim, pkg, await login(sim.url, user));
  }

  /** A URL below the API root (`/query?type=vApp`), or an absolute href. */
  url(path: string): string {
    return path.startsWith("http") ? path : `${this.sim.url}${path}`;
  }

  async get(path: string, element?: string): Promise<Entity> {
    const r = await this.send("GET", path);
    expect(r.status, `GET ${path}: ${r.body}`).toBe(200);
    if (element) expect(r.element).toBe(element);
    return r.value!;
  }

  async send(
    method: string,
    path: string,
    contentType?: string,
    body?: string,
  ): Promise<Sent> {
    const r = await raw(this.url(path), {
      method,
      headers: {
        ...this.headers,
        ...(contentType ? { "Content-Type": contentType } : {}),
      },
      ...(body !== undefined ? { body } : {}),
    });
    if (!r.body) return r;
    const doc = this.pkg.fromXml(r.body);
    return { ...r, element: doc.element, value: doc.value as Entity };
  }

  /** Polls the task (at most 100 times) until it ends. */
  async waitFor(task: Entity): Promise<Entity> {
    for (let i = 0; i < 100; i++) {
      const now = await this.get(task.href, "vcloud:Task");
      if (now.status !== "queued" && now.status !== "running") return now;
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error(`task ${task.href} did not end`);
  }

  /** Sends and expects 202 with a task, then waits for it; returns the ended task. */
  async task(
    method: string,
    path: string,
    contentType?: string,
    body?: string,
  ): Promise<Entity> {
    const r = await this.send(method, path, contentType, body);
    expect(r.status, `${method} ${path}: ${r.body}`).toBe(202);
    expect(r.element).toBe("vcloud:Task");
    return this.waitFor(r.value!);
  }
}

export const link = (e: Entity, rel: string, type?: string): Link => {
  const found = e.Link?.find(
    (l) => l.rel === rel && (type === undefined || l.type === type),
  );
  expect(found, `${e.name}: no link ${rel} ${type ?? ""}`).toBeDefined();
  return found!;
};

export const VCLOUD_NS = "http://www.vmware.com/vcloud/v1.5";

export const instantiateBody = (name: string, template: string): string =>
  `<InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}" name="${name}" deploy="false" powerOn="false"><Source href="${template}"/><AllEULAsAccepted>true</AllEULAsAccepted></InstantiateVAppTemplateParams>`;

export const INSTANTIATE_TYPE =
  "application/vnd.vmware.vcloud.instantiateVAppTemplateParams+xml";
