/** waitForTask against a server whose task moves on with each poll. */
import { describe, expect, it } from "vitest";
import {
  VcdAbortError,
  VcdApiError,
  VcdTaskError,
  VcdTimeoutError,
  waitForTask,
  type TaskLike,
} from "../../../runtime/client/index.js";
import { serverPerTest } from "../../helpers/server-per-test.js";
import {
  clientFor,
  ERROR_HEADERS,
  errorXml,
  OPS,
  packageBinding,
  sample,
  taskXml,
  xmlHeaders,
} from "./fixtures.js";

const server = serverPerTest();

const taskHref = () => `${server.url}/api/task/t-1`;

/** The task answers each poll with the next of `steps` (the last one from then on). */
function serveTask(
  steps: readonly Omit<Parameters<typeof taskXml>[0], "href">[],
) {
  steps.forEach((step, i) => {
    server.on(
      "GET",
      "/api/task/t-1",
      () => ({
        headers: xmlHeaders("task"),
        body: taskXml({ href: taskHref(), ...step }),
      }),
      { times: i === steps.length - 1 ? Infinity : 1 },
    );
  });
}

describe("waitForTask", () => {
  it("queued -> running (progress) -> success: resolves with the final task, reporting each poll", async () => {
    serveTask([
      { status: "queued" },
      { status: "running", progress: 40 },
      { status: "running", progress: 90 },
      { status: "success", progress: 100 },
    ]);
    server.on("POST", "/api/vApp/vapp-1/power/action/powerOn", () => ({
      status: 202,
      headers: xmlHeaders("task"),
      body: taskXml({ href: taskHref(), status: "queued" }),
    }));
    const client = await clientFor(server.url);
    client.resume("tok");
    const reply = await client.call(
      OPS.powerOnVApp,
      { id: "vapp-1" },
      undefined,
    );
    expect(reply.element).toBe("vcloud:Task");
    if (reply.element === null) throw new Error("no task");
    const seen: [string, number | undefined][] = [];
    const done = await waitForTask(client, reply, {
      interval: 10,
      onProgress: (task) => seen.push([task.status, task.Progress]),
    });
    expect(done.status).toBe("success");
    expect(done.Progress).toBe(100);
    expect(seen).toEqual([
      ["queued", undefined],
      ["running", 40],
      ["running", 90],
      ["success", 100],
    ]);
    const polls = server.requests.filter((r) => r.method === "GET");
    expect(polls).toHaveLength(4);
    expect(polls.every((r) => r.path === "/api/task/t-1")).toBe(true);
    expect(polls.every((r) => r.headers.authorization === "Bearer tok")).toBe(
      true,
    );
    expect(
      polls.every((r) => r.headers.accept === "application/*+xml;version=30.0"),
    ).toBe(true);
  });

  it("backs off: each wait doubles up to maxInterval", async () => {
    serveTask([
      { status: "running" },
      { status: "running" },
      { status: "running" },
      { status: "running" },
      { status: "success" },
    ]);
    const client = await clientFor(server.url);
    const times: number[] = [];
    const started = Date.now();
    await waitForTask(
      client,
      { href: taskHref(), status: "queued" },
      {
        interval: 40,
        maxInterval: 100,
        onProgress: () => times.push(Date.now() - started),
      },
    );
    // Waits of 40, 80, 100, 100, 100 ms: the polls come at about 40, 120, 220, 320, 420.
    const gaps = times.map((t, i) => t - (times[i - 1] ?? 0));
    expect(times).toHaveLength(5);
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(gaps[1]).toBeGreaterThanOrEqual(75);
    expect(gaps[2]).toBeGreaterThanOrEqual(95);
    expect(gaps[4]).toBeGreaterThanOrEqual(95);
    expect(gaps[4]).toBeLessThan(1_000);
  }, 10_000);

  it("a task ending in error: VcdTaskError with the task and its Error", async () => {
    serveTask([
      { status: "running", progress: 10 },
      {
        status: "error",
        error: {
          message: "Cannot deploy: no resources",
          major: 500,
          minor: "INTERNAL_SERVER_ERROR",
        },
      },
    ]);
    const client = await clientFor(server.url);
    const error = await waitForTask(
      client,
      { href: taskHref(), status: "queued" },
      { interval: 10 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdTaskError);
    const taskError = error as VcdTaskError;
    expect(taskError.name).toBe("VcdTaskError");
    expect(taskError.taskStatus).toBe("error");
    expect(taskError.error?.message).toBe("Cannot deploy: no resources");
    expect(taskError.error?.majorErrorCode).toBe(500);
    expect(taskError.task.href).toBe(taskHref());
    expect(taskError.message).toContain("vappDeploy ended error");
  });

  it("a task that already ended settles without a request (a real failed task from the samples)", async () => {
    const client = await clientFor(server.url);
    const { documents } = await packageBinding();
    const failed = documents.fromXml(
      sample("libcloud-vcloud_1_5/api_task_undeploy_error.xml"),
    );
    const error = await waitForTask(client, failed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdTaskError);
    expect((error as VcdTaskError).error?.minorErrorCode).toBe(
      "INTERNAL_SERVER_ERROR",
    );
    const done: TaskLike = { href: taskHref(), status: "success" };
    expect(await waitForTask(client, done)).toBe(done);
    const canceled = await waitForTask(client, {
      href: taskHref(),
      status: "canceled",
    }).catch((e: unknown) => e);
    expect((canceled as VcdTaskError).taskStatus).toBe("canceled");
    expect(server.requests).toHaveLength(0);
  });

  it("a task that never ends: VcdTimeoutError after the overall timeout", async () => {
    serveTask([{ status: "running", progress: 5 }]);
    const client = await clientFor(server.url);
    const started = Date.now();
    const error = await waitForTask(
      client,
      { href: taskHref(), status: "running" },
      { interval: 20, maxInterval: 50, timeout: 400 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdTimeoutError);
    expect((error as VcdTimeoutError).timeout).toBe(400);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(server.requests.length).toBeGreaterThanOrEqual(3);
  }, 10_000);

  it("the overall timeout also cuts a poll that hangs", async () => {
    server.on("GET", "/api/task/t-1", { hang: true });
    const client = await clientFor(server.url, { timeout: 60_000 });
    const started = Date.now();
    const error = await waitForTask(
      client,
      { href: taskHref(), status: "queued" },
      { interval: 10, timeout: 300 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdTimeoutError);
    expect((error as VcdTimeoutError).timeout).toBe(300);
    expect(Date.now() - started).toBeLessThan(3_000);
  }, 10_000);

  it("aborted while waiting: VcdAbortError", async () => {
    serveTask([{ status: "running" }]);
    const client = await clientFor(server.url);
    const controller = new AbortController();
    const error = await waitForTask(
      client,
      { href: taskHref(), status: "running" },
      {
        interval: 20,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdAbortError);
    expect(server.requests).toHaveLength(1);
  }, 10_000);

  it("a failed poll rejects with its own error (not retried)", async () => {
    server.on("GET", "/api/task/t-1", {
      status: 403,
      headers: ERROR_HEADERS,
      body: errorXml({ message: "no", major: 403, minor: "FORBIDDEN" }),
    });
    const client = await clientFor(server.url);
    const error = await waitForTask(
      client,
      { href: taskHref(), status: "queued" },
      { interval: 10 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VcdApiError);
    expect((error as VcdApiError).status).toBe(403);
    expect(server.requests).toHaveLength(1);
  });
});
