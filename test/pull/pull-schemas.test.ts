/**
 * `vcd-codegen pull-schemas` against a local server that serves the 30.0 input's XSDs the way vCD
 * does (flat under /api/v1.5/schema/): the pulled folder generates the same package as the input;
 * a missing include, TLS, timeouts and the output folder's rules.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveOptions } from "../../generator/config/options.js";
import { generate } from "../../generator/generate.js";
import { runCli } from "../helpers/run-cli.js";
import {
  PROJECT_ROOT,
  VCD_API_36_DIR,
  VCD_API_DIR,
} from "../helpers/vcd-inputs.js";
import { startSchemaServer, type SchemaServer } from "./vcd-schema-server.js";

const CATALOG = join(VCD_API_DIR, "xsd/rest-api/schemas/external/catalog.xml");
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "vcd-codegen-pull-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pull(server: SchemaServer, out: string, ...more: string[]) {
  return runCli(
    [
      "pull-schemas",
      "--from",
      server.url,
      "--out",
      out,
      "--catalog",
      CATALOG,
      ...more,
    ],
    { cwd: PROJECT_ROOT },
  );
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
}

/** What the entry points reach in an input's xsd/: every schema of rest-api/ but the JAXB driver, and the catalog. */
function reachable(inputDir: string): string[] {
  return listFiles(join(inputDir, "xsd"))
    .filter((p) => p.startsWith("rest-api/"))
    .filter((p) => p.endsWith(".xsd") || p.endsWith("/catalog.xml"))
    .filter((p) => p !== "rest-api/1.5/schemas/master/driver.xsd");
}

async function generateFrom(input: string, out: string) {
  const options = await resolveOptions(
    { input, out, apiVersion: "30.0" },
    {},
    PROJECT_ROOT,
  );
  return generate(options, false);
}

describe("pull-schemas from a server that serves the 30.0 set as vCD does", () => {
  let server: SchemaServer;
  let out: string;
  let run: Awaited<ReturnType<typeof pull>>;
  beforeAll(async () => {
    server = await startSchemaServer(VCD_API_DIR);
    out = join(work, "pulled");
    run = await pull(server, out);
  });
  afterAll(() => server.close());

  it("succeeds, with one progress line per file and a summary", () => {
    expect(run.err).toMatch(/\[versions\] GET \/api\/versions -> versions.xml/);
    expect(run.err).toMatch(
      /GET \/api\/v1.5\/schema\/master.xsd -> xsd\/rest-api\/1.5\/schemas\/master\/master.xsd/,
    );
    expect(run.out).toMatch(
      /^vcd-codegen: pulled 51 schemas from http:\/\/127.0.0.1:\d+ \(it speaks API 29.0 to 30.0; asked as 30.0\) and 7 from the local catalog in [\d.]+ s -> /,
    );
    expect(run.code).toBe(0);
  });

  it("lays the files out like the input, byte for byte", () => {
    const pulled = listFiles(join(out, "xsd"));
    expect(pulled).toEqual(reachable(VCD_API_DIR));
    expect(pulled.length).toBe(59);
    const differ = pulled.filter(
      (path) =>
        !readFileSync(join(out, "xsd", path)).equals(
          readFileSync(join(VCD_API_DIR, "xsd", path)),
        ),
    );
    expect(differ).toEqual([]);
    expect(existsSync(join(out, "versions.xml"))).toBe(true);
    const record = JSON.parse(
      readFileSync(join(out, "pull-schemas.json"), "utf8"),
    );
    expect(record.versions).toEqual(["29.0", "30.0"]);
    expect(
      record.files["xsd/rest-api/1.5/schemas/extension/services.xsd"],
    ).toBe(`${server.url}/api/v1.5/schema/extension/services.xsd`);
  });

  it("asks flat names, and a folder path only for the name two schemas share", () => {
    const nonFlat = server.paths.filter(
      (p) => !/^\/api\/v1\.5\/schema\/[^/]+$/.test(p),
    );
    expect(nonFlat.sort()).toEqual([
      "/api/v1.5/schema/extension/services.xsd",
      "/api/versions",
      "/api/versions/schema/versions.xsd",
    ]);
    expect(new Set(server.paths).size).toBe(server.paths.length);
  });

  it("gives a folder from which generate makes the same package as from the input", async () => {
    cpSync(join(VCD_API_DIR, "operations"), join(out, "operations"), {
      recursive: true,
    });
    const a = join(work, "from-input");
    const b = join(work, "from-pulled");
    await generateFrom(VCD_API_DIR, a);
    await generateFrom(out, b);
    const files = listFiles(join(a, "src"));
    expect(listFiles(join(b, "src"))).toEqual(files);
    for (const path of files)
      expect(readFileSync(join(b, "src", path), "utf8"), path).toBe(
        readFileSync(join(a, "src", path), "utf8"),
      );
  });

  it("replaces an earlier pull, keeping its operations/", async () => {
    const again = await pull(server, out);
    expect(again.code).toBe(0);
    expect(existsSync(join(out, "operations/30.0.openapi.json"))).toBe(true);
    expect(readdirSync(work).filter((n) => n.includes(".pull-"))).toEqual([]);
  });

  it("refuses a folder it did not write, before asking anything", async () => {
    const other = join(work, "other");
    mkdirSync(other);
    writeFileSync(join(other, "keep.txt"), "mine\n");
    const asked = server.paths.length;
    const refused = await pull(server, other);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/exists and was not written by pull-schemas/);
    expect(server.paths.length).toBe(asked);
    expect(listFiles(other)).toEqual(["keep.txt"]);
  });

  it("refuses an API version the server does not list", async () => {
    const refused = await pull(
      server,
      join(work, "v36"),
      "--api-version",
      "36.0",
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/does not speak API 36.0: it lists 29.0, 30.0/);
    expect(existsSync(join(work, "v36"))).toBe(false);
  });
});

describe.skipIf(!existsSync(VCD_API_36_DIR))(
  "pull-schemas of the 36.0 set",
  () => {
    it("lays it out like the input, byte for byte", async () => {
      const server = await startSchemaServer(VCD_API_36_DIR, {
        versions: ["35.0", "36.0"],
      });
      try {
        const out = join(work, "pulled-36");
        const run = await pull(server, out);
        expect(run.code).toBe(0);
        const pulled = listFiles(join(out, "xsd"));
        expect(pulled).toEqual(reachable(VCD_API_36_DIR));
        const differ = pulled.filter(
          (path) =>
            !readFileSync(join(out, "xsd", path)).equals(
              readFileSync(join(VCD_API_36_DIR, "xsd", path)),
            ),
        );
        expect(differ).toEqual([]);
      } finally {
        await server.close();
      }
    });
  },
);

describe("pull-schemas failures leave no folder", () => {
  it("names an include the server answers 404 for", async () => {
    const server = await startSchemaServer(VCD_API_DIR, {
      missing: ["vdc.xsd"],
    });
    try {
      const out = join(work, "missing");
      const run = await pull(server, out);
      expect(run.code).toBe(1);
      expect(run.err).toMatch(
        /error: http:\/\/127.0.0.1:\d+\/api\/v1.5\/schema\/\w+.xsd:\d+:\d+: xsd\/rest-api\/1.5\/schemas\/vcloud\/vdc.xsd is not served by the server: GET \/api\/v1.5\/schema\/vdc.xsd answered 404 Not Found/,
      );
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(work).filter((n) => n.startsWith(".missing"))).toEqual(
        [],
      );
    } finally {
      await server.close();
    }
  });

  it("gives up on a request that does not answer within --timeout", async () => {
    const server = await startSchemaServer(VCD_API_DIR, {
      hang: ["/api/v1.5/schema/vApp.xsd"],
    });
    try {
      const out = join(work, "slow");
      const run = await pull(server, out, "--timeout", "0.5");
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/vApp.xsd: no answer within 0.5 s/);
      expect(existsSync(out)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("says how to get the external schemas when no catalog is at hand", async () => {
    const server = await startSchemaServer(VCD_API_DIR);
    try {
      const out = join(work, "no-catalog");
      const run = await runCli(
        ["pull-schemas", "--from", server.url, "--out", out],
        { cwd: work, env: {} },
      );
      expect(run.code).toBe(1);
      expect(run.err).toMatch(
        /never fetched from the internet.*--catalog FILE or --input DIR/,
      );
      expect(existsSync(out)).toBe(false);
    } finally {
      await server.close();
    }
  });
});

// openssl (Debian's, installed by .ci/run) makes the self-signed certificate: no skipping.
describe("pull-schemas over https with a self-signed certificate", () => {
  let server: SchemaServer;
  let certFile: string;
  beforeAll(async () => {
    const dir = join(work, "tls");
    mkdirSync(dir);
    const keyFile = join(dir, "key.pem");
    certFile = join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        keyFile,
        "-out",
        certFile,
      ],
      { stdio: "ignore" },
    );
    server = await startSchemaServer(VCD_API_DIR, {
      tls: {
        key: readFileSync(keyFile, "utf8"),
        cert: readFileSync(certFile, "utf8"),
      },
    });
  });
  afterAll(() => server.close());

  it("is a TLS error that says what to do, without --ca", async () => {
    const out = join(work, "tls-refused");
    const run = await pull(server, out);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /TLS: the certificate of 127.0.0.1 is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT.*--ca FILE.*--insecure/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("works with --ca", async () => {
    const run = await pull(server, join(work, "tls-ca"), "--ca", certFile);
    expect(run.err).not.toMatch(/error/);
    expect(run.code).toBe(0);
  });

  it("works with --insecure", async () => {
    const run = await pull(server, join(work, "tls-insecure"), "--insecure");
    expect(run.code).toBe(0);
  });
});
