/**
 * GET over node:http / node:https (not fetch: Node's fetch cannot be given a CA without undici): one
 * keep-alive agent per scheme, an extra CA to trust (`--ca`, added to Node's own roots) or no
 * verification at all (`--insecure`, an explicit opt-in), a timeout on every request, a few
 * redirects, a cap on the body's size. Failures are GeneratorErrors naming the URL; TLS failures
 * say what to do (see tls-failure.ts).
 */
import http from "node:http";
import https from "node:https";
import { rootCertificates } from "node:tls";
import { GeneratorError } from "../diagnostics.js";
import { describeTlsFailure } from "./tls-failure.js";

export interface HttpClientOptions {
  /** PEM text of one or more CA certificates to trust besides Node's own. */
  readonly ca?: string;
  /** Skip certificate verification. */
  readonly insecure?: boolean;
  /** Milliseconds a request may stay without progress (connect, headers, body). */
  readonly timeoutMs: number;
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface HttpAnswer {
  /** The URL that answered (after redirects). */
  readonly url: string;
  readonly status: number;
  readonly body: Buffer;
}

const MAX_REDIRECTS = 5;
const MAX_BODY = 32 * 1024 * 1024;

export class HttpClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(private readonly options: HttpClientOptions) {
    this.httpAgent = new http.Agent({ keepAlive: true });
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      ca: options.ca ? [...rootCertificates, options.ca] : undefined,
      rejectUnauthorized: !options.insecure,
    });
  }

  /** GET `url`, following redirects; any status comes back, network and TLS failures throw. */
  async get(
    url: string,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<HttpAnswer> {
    let target = new URL(url);
    for (let hop = 0; ; hop++) {
      const answer = await this.once(target, headers);
      const location = answer.location;
      if (answer.status >= 300 && answer.status < 400 && location) {
        if (hop === MAX_REDIRECTS)
          throw new GeneratorError(
            `GET ${url}: more than ${MAX_REDIRECTS} redirects`,
          );
        target = new URL(location, target);
        continue;
      }
      return { url: target.href, status: answer.status, body: answer.body };
    }
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private once(
    url: URL,
    headers: Readonly<Record<string, string>>,
  ): Promise<{ status: number; location?: string; body: Buffer }> {
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:")
      return Promise.reject(
        new GeneratorError(
          `GET ${url.href}: only http and https URLs can be pulled from`,
        ),
      );
    const request = secure ? https.request : http.request;
    const { timeoutMs } = this.options;
    return new Promise((resolve, reject) => {
      const fail = (error: Error) =>
        reject(
          error instanceof GeneratorError
            ? error
            : new GeneratorError(
                `GET ${url.href}: ${describeTlsFailure(error, url.hostname) ?? networkMessage(error)}`,
              ),
        );
      const req = request(
        url,
        {
          method: "GET",
          agent: secure ? this.httpsAgent : this.httpAgent,
          headers: { ...this.options.headers, ...headers },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY) {
              req.destroy(
                new GeneratorError(
                  `GET ${url.href}: the answer is larger than ${MAX_BODY / 1024 / 1024} MiB`,
                ),
              );
              return;
            }
            chunks.push(chunk);
          });
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              location: res.headers.location,
              body: Buffer.concat(chunks),
            }),
          );
          res.on("error", fail);
        },
      );
      req.on("timeout", () =>
        req.destroy(
          new GeneratorError(
            `GET ${url.href}: no answer within ${timeoutMs / 1000} s (give more with --timeout SECONDS)`,
          ),
        ),
      );
      req.on("error", fail);
      req.end();
    });
  }
}

function networkMessage(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused (is the server's address and port right?)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the host name does not resolve";
    case "ECONNRESET":
      return "the server closed the connection";
    default:
      return code ? `${code}: ${error.message}` : error.message;
  }
}
