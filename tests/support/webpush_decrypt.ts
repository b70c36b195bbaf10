/**
 * The browser's side of web-push encryption, for tests: a subscription's
 * key pair and auth secret, and decryption of an `aes128gcm` push message
 * (RFC 8291 over RFC 8188) with Web Crypto only.
 */
import { toBase64Url } from "../../server/crypto/encoding.ts";

/** What a browser holds for one subscription. */
export interface BrowserKeys {
  privateKey: CryptoKey;
  /** The uncompressed public point (65 bytes). */
  publicKey: Uint8Array<ArrayBuffer>;
  auth: Uint8Array<ArrayBuffer>;
  /** `keys` of `PushSubscription.toJSON()`. */
  json: { p256dh: string; auth: string };
}

/** A fresh subscription key pair and 16-byte auth secret, as a browser makes them. */
export async function browserKeys(): Promise<BrowserKeys> {
  const pair = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, [
    "deriveBits",
  ]);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const auth = crypto.getRandomValues(new Uint8Array(16));
  return {
    privateKey: pair.privateKey,
    publicKey,
    auth,
    json: { p256dh: toBase64Url(publicKey), auth: toBase64Url(auth) },
  };
}

const text = (s: string) => new TextEncoder().encode(s);

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function hkdf(
  salt: Uint8Array<ArrayBuffer>,
  ikm: Uint8Array<ArrayBuffer>,
  info: Uint8Array<ArrayBuffer>,
  bytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt, info },
    key,
    bytes * 8,
  );
  return new Uint8Array(bits);
}

/** Decrypts an `aes128gcm` web-push body to its text; throws when it does not verify. */
export async function decryptPush(keys: BrowserKeys, body: Uint8Array): Promise<string> {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const salt = body.slice(0, 16);
  const recordSize = view.getUint32(16);
  const idLength = body[20];
  const senderPublic = body.slice(21, 21 + idLength);
  const records = body.slice(21 + idLength);

  const sender = await crypto.subtle.importKey(
    "raw",
    senderPublic,
    { name: "ECDH", namedCurve: "P-256" },
    false,
    [],
  );
  const shared = new Uint8Array(
    await crypto.subtle.deriveBits({ name: "ECDH", public: sender }, keys.privateKey, 256),
  );
  const keyInfo = concat(text("WebPush: info\0"), keys.publicKey, senderPublic);
  const ikm = await hkdf(keys.auth, shared, keyInfo, 32);
  const cek = await hkdf(salt, ikm, text("Content-Encoding: aes128gcm\0"), 16);
  const baseNonce = await hkdf(salt, ikm, text("Content-Encoding: nonce\0"), 12);
  const aes = await crypto.subtle.importKey("raw", cek, "AES-GCM", false, ["decrypt"]);

  const plain: Uint8Array[] = [];
  for (let seq = 0, at = 0; at < records.length; seq++, at += recordSize) {
    const nonce = baseNonce.slice();
    const last = new DataView(nonce.buffer);
    last.setUint32(8, last.getUint32(8) ^ seq);
    const record = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: nonce },
        aes,
        records.slice(at, at + recordSize),
      ),
    );
    // Padding: data, a delimiter (2 on the last record, 1 before), then zeros.
    let end = record.length - 1;
    while (end >= 0 && record[end] === 0) end--;
    if (record[end] !== 1 && record[end] !== 2) throw new Error("bad record padding");
    plain.push(record.slice(0, end));
  }
  return new TextDecoder().decode(concat(...plain));
}
