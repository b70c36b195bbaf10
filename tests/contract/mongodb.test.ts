/**
 * The store contract against MongoDB. Runs only when `MONGODB_URI` is set,
 * in a database of its own that is dropped afterwards; otherwise the suite
 * is reported as skipped, loudly. MongoDB is never faked.
 */
import { MongoClient } from "mongodb";
import { afterAll, describe } from "vitest";
import { openMongoStore } from "../../server/store/mongo/mod.ts";
import { describeStoreContract } from "./store_contract.ts";

const uri = Deno.env.get("MONGODB_URI");
const dbName = `chat_contract_${Date.now()}_${crypto.randomUUID().slice(0, 8)}`;

if (!uri) {
  console.warn(
    "MongoDB contract suite skipped: MONGODB_URI is not set (no MongoDB server on this machine)",
  );
}

describe.skipIf(!uri)("MongoDB", () => {
  afterAll(async () => {
    const client = new MongoClient(uri!);
    try {
      await client.db(dbName).dropDatabase();
    } finally {
      await client.close();
    }
  });

  describeStoreContract(`MongoDB (${dbName})`, () => openMongoStore(uri!, dbName));
});
