/** The store contract against Deno KV, in memory: runs everywhere. */
import { kvStore } from "../../server/store/kv/mod.ts";
import { describeStoreContract } from "./store_contract.ts";

describeStoreContract("Deno KV (:memory:)", async () => kvStore(await Deno.openKv(":memory:")));
