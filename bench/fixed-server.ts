/**
 * A bare `node:http` server answering fixed bytes, run as a child process of the bench (its own
 * core, as a real server would be): it reads each request's body whole, then answers with the
 * status, headers and body given for the request's method. Started by {@link startFixedServer}.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

/** What the server answers to one method. */
export interface FixedAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type FixedAnswers = Readonly<Record<string, FixedAnswer>>;

export interface FixedServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  close(): Promise<void>;
}

/** Starts the server in a child process, answering `answers` (by HTTP method). */
export function startFixedServer(answers: FixedAnswers): Promise<FixedServer> {
  const child = fork(fileURLToPath(import.meta.url), ["--fixed-server-child"], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`fixed-bytes server exited (${code})`)),
    );
    child.once("message", (message) => {
      const { port } = message as { port: number };
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => stopChild(child),
      });
    });
    child.send(answers);
  });
}

/** Ends a child process of the bench (by its own handle) and waits for it. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function serve(answers: FixedAnswers): void {
  const prepared = new Map(
    Object.entries(answers).map(([method, answer]) => {
      const body = Buffer.from(answer.body, "utf8");
      return [
        method,
        {
          status: answer.status,
          headers: { ...answer.headers, "Content-Length": String(body.length) },
          body,
        },
      ];
    }),
  );
  const server = createServer((req, res) => {
    req.on("data", () => {});
    req.on("end", () => {
      const answer = prepared.get(req.method ?? "");
      if (!answer) {
        res.writeHead(405, { "Content-Length": "0" });
        res.end();
        return;
      }
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.send!({ port: typeof address === "object" ? address?.port : 0 });
  });
  process.on("disconnect", () => process.exit(0));
}

if (process.argv[2] === "--fixed-server-child") {
  process.once("message", (answers) => serve(answers as FixedAnswers));
}
