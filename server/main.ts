// The server's process: reads the environment, starts listening, and shuts down cleanly on SIGINT/SIGTERM.
import { loadConfig } from "./config";
import { createLogger } from "./log";
import { startServer } from "./start";

const config = loadConfig(process.env);
const log = createLogger({ level: config.logLevel });

try {
  const server = await startServer({ config, log });
  log.info("listening", {
    url: server.url,
    database: server.db.engine,
    ...(config.databaseUrl ? {} : { dataDir: config.dataDir }),
  });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal means the operator does not want to wait for in-flight requests.
      log.warn("forced exit", { signal });
      process.exit(1);
    }
    stopping = true;
    log.info("shutting down", { signal });
    try {
      await server.close();
      log.info("stopped");
      process.exit(0);
    } catch (error) {
      log.error("shutdown failed", { error });
      process.exit(1);
    }
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  log.error("could not start", { error });
  process.exit(1);
}
