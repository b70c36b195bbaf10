/**
 * The bus of many instances over MongoDB: `publish` delivers to this
 * instance at once and inserts the event into the `events` collection;
 * every instance tails that collection with a change stream and delivers
 * the events other instances inserted. After an error the stream is
 * reopened from its resume token, so no event is skipped while the oplog
 * still holds it. Change streams need a replica set (one node is enough).
 */
import {
  type ChangeStream,
  type ChangeStreamInsertDocument,
  type Collection,
  MongoClient,
  MongoServerError,
  type ResumeToken,
} from "mongodb";
import type { Logger } from "../log.ts";
import type { Bus, BusEvent } from "./bus.ts";

/** One stored event: the JSON of the {@link BusEvent} and who published it. */
export interface EventDoc {
  origin: string;
  event: string;
  /** For the TTL index: events are only needed while instances catch up. */
  createdAt: Date;
}

/** Options of {@link mongoBus}. */
export interface MongoBusOptions {
  uri: string;
  dbName: string;
  log: Logger;
  /** Names this instance in the events it inserts (random when absent). */
  instanceId?: string;
  /** How long inserted events are kept (1 hour). */
  retentionSeconds?: number;
}

type Insert = ChangeStreamInsertDocument<EventDoc>;

/** Change-stream error codes after which the token cannot be resumed from. */
const HISTORY_LOST = new Set([
  286, // ChangeStreamHistoryLost: the oplog no longer holds the token
  280, // ChangeStreamFatalError
]);

/** Connects, creates the TTL index and starts tailing; `close` closes the client. */
export async function mongoBus(options: MongoBusOptions): Promise<Bus> {
  const client = new MongoClient(options.uri, { writeConcern: { w: "majority" } });
  await client.connect();
  try {
    const events = client.db(options.dbName).collection<EventDoc>("events");
    await events.createIndex(
      { createdAt: 1 },
      { expireAfterSeconds: options.retentionSeconds ?? 3600 },
    );
    const bus = await tailingBus(events, options.instanceId ?? crypto.randomUUID(), options.log);
    return {
      ...bus,
      async close() {
        await bus.close();
        await client.close();
      },
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}

/**
 * A bus over an existing `events` collection (the client stays the
 * caller's). Resolves once the change stream is open, so nothing published
 * afterwards by another instance is missed.
 */
export async function tailingBus(
  events: Collection<EventDoc>,
  instanceId: string,
  log: Logger,
): Promise<Bus> {
  const handlers = new Set<(event: BusEvent) => void>();
  let token: ResumeToken | undefined;
  let stream: ChangeStream<EventDoc, Insert> | null = null;
  let closed = false;

  function deliver(event: BusEvent): void {
    for (const handler of handlers) {
      try {
        handler(event);
      } catch (e) {
        log.error("bus handler failed", { t: event.t, error: String(e) });
      }
    }
  }

  function receive(change: Insert): void {
    token = change._id;
    try {
      const event = JSON.parse(change.fullDocument.event) as BusEvent;
      deliver({ ...event, origin: change.fullDocument.origin });
    } catch (e) {
      log.warn("skipped an unreadable bus event", { error: String(e) });
    }
  }

  function open(): ChangeStream<EventDoc, Insert> {
    const pipeline = [
      { $match: { operationType: "insert", "fullDocument.origin": { $ne: instanceId } } },
    ];
    return events.watch<EventDoc, Insert>(pipeline, token ? { resumeAfter: token } : {});
  }

  async function tail(current: ChangeStream<EventDoc, Insert>): Promise<void> {
    let delay = 100;
    while (!closed) {
      try {
        for await (const change of current) {
          receive(change);
          delay = 100;
        }
        // The stream ended (invalidated: the collection was dropped or renamed).
        token = undefined;
      } catch (error) {
        if (closed) break;
        // The stream's cached token also covers batches with no matching change.
        token = current.resumeToken ?? token;
        if (error instanceof MongoServerError && HISTORY_LOST.has(Number(error.code))) {
          log.error("bus change stream lost its place; events in between are lost", {
            error: String(error),
          });
          token = undefined;
        } else {
          log.warn("bus change stream failed; resuming", { error: String(error), delay });
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 10_000);
      }
      await current.close().catch(() => {});
      if (closed) break;
      current = stream = open();
    }
  }

  stream = open();
  // The first getMore opens the server-side cursor: only then are later inserts seen.
  const first = await stream.tryNext();
  if (first) receive(first);
  void tail(stream);

  return {
    async publish(event) {
      deliver(event);
      await events.insertOne({
        origin: instanceId,
        event: JSON.stringify(event),
        createdAt: new Date(),
      });
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async close() {
      closed = true;
      handlers.clear();
      await stream?.close();
    },
  };
}
