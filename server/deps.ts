/** What every domain service is built from. */
import type { Clock } from "./clock.ts";
import type { Ids } from "./ids.ts";
import type { Logger } from "./log.ts";
import type { Bus } from "./realtime/bus.ts";
import type { PresenceReader } from "./realtime/presence.ts";
import type { Store } from "./store/port.ts";

/** Explicit dependencies of the domain services. */
export interface DomainDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  ids: Ids;
  log: Logger;
  presence: PresenceReader;
}
