/**
 * What a TLS failure means for the user and what to do about it: an untrusted certificate (trust its
 * CA with `--ca FILE`, or opt out of verification with `--insecure`), a certificate for another
 * host, an expired one, or no TLS at all on the other side.
 */

/** Node's codes for a certificate it could not verify. */
const UNTRUSTED = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_CHAIN_TOO_LONG",
  "INVALID_CA",
]);

const EXPIRED = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);

const HOW_TO =
  "Trust the CA that signed it with --ca FILE (PEM), or skip verification with --insecure (only for a server you trust by other means)";

/** A sentence for a TLS failure, or undefined when `error` is not one. */
export function describeTlsFailure(
  error: Error,
  host: string,
): string | undefined {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const detail = `${code}: ${error.message}`;
  if (UNTRUSTED.has(code))
    return `TLS: the certificate of ${host} is not trusted (${detail}). ${HOW_TO}.`;
  if (EXPIRED.has(code))
    return `TLS: the certificate of ${host} is not valid now (${detail}). Renew it on the server, or skip verification with --insecure.`;
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID")
    return `TLS: the certificate is not for ${host} (${detail}). Use the host name the certificate names in --from, or skip verification with --insecure.`;
  if (code.startsWith("ERR_SSL_") || code === "EPROTO")
    return `TLS: the handshake with ${host} failed (${detail}). Does the server speak https on this port (or plain http)?`;
  return undefined;
}
