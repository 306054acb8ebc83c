/**
 * What the reliability tests start from: a simulator of the test package with the options a test
 * needs (small bounds), sessions of its seeded users, vApps instantiated for them, and raw requests
 * with node:http where fetch hides what is asserted (when the answer comes, the socket closing).
 */
import { request, type IncomingMessage } from "node:http";
import type { Simulator, SimulatorOptions } from "../../../simulator/index.js";
import type { GeneratedPackage } from "../../helpers/generated-packages.js";
import {
  instantiateFirst,
  sessionOf,
  startSeeded,
} from "../../simulator/helpers/seeded.js";
import type { UserSession } from "../../simulator/helpers/session.js";

/** A simulator over the default seed with the options a test needs (recording no bodies unless asked). */
export const startWith = (
  options: SimulatorOptions,
): Promise<{ sim: Simulator; pkg: GeneratedPackage }> =>
  startSeeded({ recordBodies: false, ...options });

export { sessionOf };

/** Instantiates a vApp of that name from the first catalog item in the first VDC; its href once created. */
export async function newVApp(
  session: UserSession,
  name: string,
): Promise<string> {
  return (await instantiateFirst(session, name)).value!.href;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

/** The answer of a request already written (or being written) on `req`, within `ms`. */
export function answerOf(
  req: ReturnType<typeof request>,
  ms = 10_000,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
      });
      res.on("error", reject);
    });
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The vCD `Error` document answered, read with the package. */
export function errorOf(
  pkg: GeneratedPackage,
  body: string,
): { major: number; minor: string; message: string } {
  const doc = pkg.fromXml(body);
  if (doc.element !== "vcloud:Error")
    throw new Error(`not an Error document: ${body.slice(0, 300)}`);
  const v = doc.value as {
    majorErrorCode: number;
    minorErrorCode: string;
    message: string;
  };
  return {
    major: v.majorErrorCode,
    minor: v.minorErrorCode,
    message: v.message,
  };
}
