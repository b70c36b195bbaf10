/** VAPID keys for web push, generated with Web Crypto when not configured. */
import { toBase64Url } from "../crypto/encoding.ts";
import type { SecretRepo } from "../store/port.ts";

/** An application server key pair, base64url as the Push API expects. */
export interface VapidKeys {
  /** Uncompressed P-256 point, 65 bytes. */
  publicKey: string;
  /** The private scalar `d`, 32 bytes. */
  privateKey: string;
}

/** A fresh P-256 key pair. */
export async function generateVapidKeys(): Promise<VapidKeys> {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  return { publicKey: toBase64Url(publicKey), privateKey: jwk.d! };
}

/** The configured keys, or the ones generated on first start and kept in the store. */
export async function loadVapidKeys(
  configured: VapidKeys | null,
  secrets: SecretRepo,
): Promise<VapidKeys> {
  if (configured) return configured;
  const stored = await secrets.getOrCreate(
    "vapid",
    async () => JSON.stringify(await generateVapidKeys()),
  );
  return JSON.parse(stored);
}
