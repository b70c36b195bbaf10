/**
 * Which push endpoints the server may call. A subscription names a URL the
 * server will POST to later, so an endpoint on a private network would let
 * any user make the server call inside its own network: in production only
 * public https hosts are accepted (`PUSH_ALLOW_PRIVATE_ENDPOINTS=1` lifts
 * that for tests and closed networks).
 */
import { AppError } from "../errors.ts";

/** Why an address is not public, or null when it is. */
export function privateAddressKind(hostname: string): string | null {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return "a loopback name";
  if (host.endsWith(".local") || host.endsWith(".internal")) return "a local network name";
  const v4 = ipv4(host);
  if (v4) return ipv4Kind(v4);
  if (host.includes(":")) return ipv6Kind(host);
  return null;
}

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

function ipv4Kind([a, b]: number[]): string | null {
  if (a === 127) return "a loopback address";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) {
    return "a private address";
  }
  if (a === 169 && b === 254) return "a link-local address";
  if (a === 100 && b >= 64 && b <= 127) return "a shared (carrier-grade NAT) address";
  if (a === 0 || a >= 224) return "a reserved address";
  return null;
}

function ipv6Kind(host: string): string | null {
  if (host === "::1") return "a loopback address";
  if (host === "::") return "an unspecified address";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (mapped) {
    const v4 = ipv4(mapped[1]);
    return v4 ? ipv4Kind(v4) : "a reserved address";
  }
  if (/^f[cd][0-9a-f]{0,2}:/.test(host)) return "a private (unique local) address";
  if (/^fe[89ab][0-9a-f]?:/.test(host)) return "a link-local address";
  return null;
}

/**
 * Throws `validation_failed` unless `endpoint` is an https URL the server
 * may call (a public host, unless private hosts are allowed).
 */
export function checkEndpoint(endpoint: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid("endpoint is not a URL");
  }
  if (url.protocol !== "https:") {
    throw invalid(`endpoint must use https, got ${url.protocol.replace(":", "")}`);
  }
  if (url.username || url.password) throw invalid("endpoint must not carry credentials");
  const kind = privateAddressKind(url.hostname);
  if (kind && !allowPrivate) {
    throw invalid(`endpoint host ${url.hostname} is ${kind}; push services are public hosts`);
  }
  return url;
}

function invalid(detail: string): AppError {
  return new AppError("validation_failed", "Push subscription is invalid", {
    detail,
    errors: [{ path: "endpoint", message: detail }],
  });
}
