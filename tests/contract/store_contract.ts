/**
 * The one contract every {@link Store} adapter passes. Each adapter's test
 * file calls {@link describeStoreContract} with a way to open a store; every
 * test opens its own and uses names unique to it, so adapters may share one
 * database between tests.
 */
import { afterEach, beforeEach, describe } from "vitest";
import type { Store } from "../../server/store/port.ts";
import { channelsContract } from "./channels_contract.ts";
import { dmChannelsContract } from "./dm_channels_contract.ts";
import { guildsContract } from "./guilds_contract.ts";
import { invitesContract } from "./invites_contract.ts";
import { membersContract } from "./members_contract.ts";
import { messagesContract } from "./messages_contract.ts";
import { permissionsContract } from "./permissions_contract.ts";
import { pushContract } from "./push_contract.ts";
import { readStatesContract } from "./read_states_contract.ts";
import { relationshipsContract } from "./relationships_contract.ts";
import { resetsContract } from "./resets_contract.ts";
import { secretsContract } from "./secrets_contract.ts";
import { sessionsContract } from "./sessions_contract.ts";
import { usersContract } from "./users_contract.ts";
import { voiceStatesContract } from "./voice_states_contract.ts";

/** Registers the store contract as a `describe` block named after the adapter. */
export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store | undefined;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });
    const current = () => {
      if (!store) throw new Error("no store is open outside a test");
      return store;
    };

    usersContract(current);
    sessionsContract(current);
    secretsContract(current);
    resetsContract(current);
    guildsContract(current);
    channelsContract(current);
    membersContract(current);
    invitesContract(current);
    relationshipsContract(current);
    dmChannelsContract(current);
    messagesContract(current);
    readStatesContract(current);
    pushContract(current);
    voiceStatesContract(current);
    permissionsContract(current);
  });
}
