/** Chooses the store from the configuration. */
import type { Config } from "../config.ts";
import { openKvStore } from "./kv/mod.ts";
import type { Store } from "./port.ts";

/** MongoDB when `MONGODB_URI` is set, Deno KV in `DATA_DIR` otherwise. */
export async function openStore(config: Config): Promise<Store> {
  if (config.mongodbUri) {
    const { openMongoStore } = await import("./mongo/mod.ts");
    return openMongoStore(config.mongodbUri, config.mongodbDb);
  }
  return openKvStore(config.dataDir);
}
