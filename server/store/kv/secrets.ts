import type { SecretRepo } from "../secrets.ts";

/** Server secrets in Deno KV; the first value stored wins. */
export function kvSecrets(kv: Deno.Kv): SecretRepo {
  return {
    async getOrCreate(name, make) {
      const key = ["secrets", name];
      const existing = await kv.get<string>(key);
      if (existing.value !== null) return existing.value;
      const value = await make();
      const result = await kv.atomic().check({ key, versionstamp: null }).set(key, value).commit();
      if (result.ok) return value;
      return (await kv.get<string>(key)).value!;
    },
  };
}
