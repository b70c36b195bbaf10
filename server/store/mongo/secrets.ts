import type { Collection, Db } from "mongodb";
import type { SecretRepo } from "../secrets.ts";
import { duplicateKeyFields, str } from "./util.ts";

/** A secret as stored in the `secrets` collection, keyed by its name. */
interface SecretDoc {
  _id: string;
  value: string;
}

/** Server secrets in the MongoDB `secrets` collection; the first value stored wins. */
export function mongoSecrets(db: Db): SecretRepo {
  const secrets: Collection<SecretDoc> = db.collection<SecretDoc>("secrets");

  async function read(name: string): Promise<string | null> {
    return (await secrets.findOne({ _id: name }))?.value ?? null;
  }

  return {
    async getOrCreate(name, make) {
      const id = str(name, "secret name");
      const existing = await read(id);
      if (existing !== null) return existing;
      const value = str(await make(), "secret value");
      try {
        // Inserts only when absent; a concurrent caller's value is kept.
        await secrets.updateOne({ _id: id }, { $setOnInsert: { value } }, { upsert: true });
      } catch (error) {
        // Two upserts racing on the same _id: the loser may see E11000.
        if (!duplicateKeyFields(error)) throw error;
      }
      const stored = await read(id);
      if (stored === null) throw new Error(`secret "${id}" vanished after it was stored`);
      return stored;
    },
  };
}
