/**
 * vcd-codegen runtime, transfer: the digests a manifest (`.mf`) lists. Hashing a stream piece by
 * piece needs an incremental hash, which the browser platform does not have (WebCrypto's
 * `crypto.subtle.digest` takes a whole buffer): the Node entry (`transfer/node`) gives one from
 * `node:crypto`; without one, only sources held whole (a `Uint8Array`, a `Blob`) are checked.
 */

/** The digests an OVF manifest may name (`SHA1(file)= ...`, `SHA256(...)`, `SHA512(...)`). */
export type DigestAlgorithm = "sha1" | "sha256" | "sha512";

/** A hash fed piece by piece. */
export interface IncrementalHash {
  update(bytes: Uint8Array): void;
  /** The digest in lower-case hex. */
  digest(): string;
}

/** Makes an incremental hash (the Node entry's is `node:crypto`'s `createHash`). */
export type HashFactory = (algorithm: DigestAlgorithm) => IncrementalHash;

const WEB_NAMES: Readonly<Record<DigestAlgorithm, string>> = {
  sha1: "SHA-1",
  sha256: "SHA-256",
  sha512: "SHA-512",
};

/** The digest (lower-case hex) of bytes held whole, with WebCrypto; undefined where the platform has none. */
export async function webDigest(
  bytes: Uint8Array | Blob,
  algorithm: DigestAlgorithm,
): Promise<string | undefined> {
  const subtle = (globalThis.crypto as Crypto | undefined)?.subtle;
  if (!subtle) return undefined;
  const buffer =
    bytes instanceof Uint8Array
      ? bytes
      : new Uint8Array(await bytes.arrayBuffer());
  return hex(
    new Uint8Array(
      await subtle.digest(
        WEB_NAMES[algorithm],
        buffer as Uint8Array<ArrayBuffer>,
      ),
    ),
  );
}

/** Bytes in lower-case hex. */
export function hex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}
