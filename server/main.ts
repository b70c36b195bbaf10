/** Entry point: read the config, open the store, serve. */
import { createApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { jsonLogger } from "./log.ts";
import type { Bus } from "./realtime/bus.ts";
import { createServices } from "./services.ts";
import { openStore } from "./store/open.ts";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(Deno.env.toObject());
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      Deno.exit(78);
    }
    throw e;
  }
  const log = jsonLogger(config.logLevel);
  const store = await openStore(config);
  let bus: Bus | undefined;
  if (config.mongodbUri) {
    const { mongoBus } = await import("./realtime/mongo_bus.ts");
    bus = await mongoBus({ uri: config.mongodbUri, dbName: config.mongodbDb, log });
  }
  const services = await createServices({ store, config, log, bus });
  const app = createApp(services);
  const server = Deno.serve({
    port: config.port,
    hostname: config.hostname,
    onListen: ({ hostname, port }) =>
      log.info("listening", {
        url: `http://${hostname}:${port}`,
        publicUrl: config.publicUrl.href,
        store: store.kind,
      }),
  }, (req, info) => app.fetch(req, info));
  const stop = async () => {
    await services.gateway.stop();
    await services.push.stop();
    await services.jobs.stop();
    await server.shutdown();
    await services.bus.close();
    await store.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
}

if (import.meta.main) await main();
