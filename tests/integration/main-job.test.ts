// The README's main job: `npm start` builds both extensions and serves /health on embedded defaults.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

let child: ChildProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), "tributary-main-"));
afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

function waitForListening(process: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    process.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split("\n")) {
        if (!line.startsWith("{")) continue;
        const entry = JSON.parse(line) as { msg?: string; message?: string; url?: string };
        if (entry.url && (entry.msg ?? entry.message) === "listening") resolve(entry.url);
      }
    });
    process.once("exit", (code) => reject(new Error(`npm start exited with ${code} before listening:\n${output}`)));
  });
}

describe("npm start", () => {
  it("builds the Chrome and Firefox extensions, serves /health on PGlite, and stops cleanly", async () => {
    // What `npm start` runs, in one process so the signal reaches the server itself.
    child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: {
        ...process.env,
        PORT: "0",
        DEV_CHAIN_PORT: "0",
        DEV_CHAIN_DIR: join(dataDir, "dev-chain"),
        DATA_DIR: join(dataDir, "pglite"),
        DATABASE_URL: "",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const url = await waitForListening(child);
    expect(existsSync(".output/chrome-mv3/manifest.json")).toBe(true);
    expect(existsSync(".output/firefox-mv3/manifest.json")).toBe(true);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "pglite" });
    // The dev chain runs beside it with the token deployed, kept in the data directory.
    expect(existsSync(join(dataDir, "dev-chain"))).toBe(true);
    const exited = new Promise<number | null>((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 120_000);
});
