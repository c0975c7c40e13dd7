// The ingest bench's HTTP client, on a worker thread of its own: devices are other machines, so the client's fetch
// work must not run on the server's event loop. Receives pre-built signed requests, posts them with a fixed number
// in flight, and answers with the rate's seconds and each request's latency.
import { parentPort } from "node:worker_threads";

export interface ClientJob {
  url: string;
  concurrency: number;
  requests: { body: string; headers: Record<string, string> }[];
}

export type ClientResult = { seconds: number; latencies: number[] } | { error: string };

async function postAll({ url, concurrency, requests }: ClientJob): Promise<ClientResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        const begin = performance.now();
        const response = await fetch(url, { method: "POST", headers: request.headers, body: request.body });
        if (response.status !== 200) {
          throw new Error(`bench request failed: ${response.status} ${await response.text()}`);
        }
        await response.arrayBuffer();
        latencies.push(performance.now() - begin);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

parentPort?.on("message", (job: ClientJob) => {
  postAll(job).then(
    (result) => parentPort?.postMessage(result),
    (error: unknown) => parentPort?.postMessage({ error: String(error) }),
  );
});
