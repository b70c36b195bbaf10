/**
 * One client thread of the load generator (see client_pool.ts): it
 * connects its share of the clients, counts their deliveries in the
 * shared tracker and answers the pool's requests for samples, stats and
 * closing. Every request is answered with one message of the same `op`.
 */
import {
  type Client,
  type ClientSpec,
  clientStats,
  connectMany,
  connectorOf,
  resetClientStats,
} from "./clients.ts";
import { collectGarbage } from "./processes.ts";
import { DeliverySink, type TrackerBuffers } from "./tracker.ts";

/** What the pool asks of a client thread. */
export type WorkerRequest =
  | {
    op: "connect";
    spec: ClientSpec;
    indices: number[];
    buffers: TrackerBuffers;
    deadlineMs: number;
    parallel: number;
  }
  | { op: "samples" }
  | { op: "stats" }
  | { op: "collect" }
  | { op: "close" };

const self = globalThis as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

let sink: DeliverySink | null = null;
let clients: Client[] = [];

self.onmessage = async (e) => {
  const req = e.data;
  switch (req.op) {
    case "connect": {
      resetClientStats();
      sink = new DeliverySink(req.buffers);
      const connected = await connectMany(
        req.indices,
        connectorOf(req.spec),
        sink,
        req.deadlineMs,
        req.parallel,
      );
      clients = connected.clients;
      self.postMessage({
        op: "connect",
        connected: clients.length,
        failures: [...connected.failures],
      });
      break;
    }
    case "samples": {
      const samples = sink?.takeSamples() ?? new Float64Array(0);
      self.postMessage({ op: "samples", samples }, [samples.buffer]);
      break;
    }
    case "stats":
      self.postMessage({ op: "stats", stats: clientStats() });
      break;
    case "collect":
      collectGarbage();
      self.postMessage({ op: "collect" });
      break;
    case "close":
      for (const client of clients) client.close();
      clients = [];
      await new Promise((r) => setTimeout(r, 300)); // let the close frames out
      self.postMessage({ op: "close" });
      break;
  }
};
