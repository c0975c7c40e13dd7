// The main job on embedded defaults: build the extension for Chrome and Firefox, then run the ingest server.
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { startDevChainUnlessConfigured } from "../server/chain/dev-setup";

const wxt = resolve("node_modules/.bin/wxt");
const build = (args: string[]) => execFileSync(wxt, ["build", ...args], { stdio: ["ignore", "ignore", "inherit"] });

build([]);
build(["-b", "firefox", "--mv3"]);

const port = process.env.PORT ?? "8787";
process.stderr.write(
  [
    "",
    "Tributary extension built:",
    `  Chrome/Chromium: chrome://extensions → Developer mode → Load unpacked → ${resolve(".output/chrome-mv3")}`,
    `  Firefox 128+:    about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${resolve(".output/firefox-mv3/manifest.json")}`,
    `Then open the Tributary popup: its server address defaults to http://127.0.0.1:${port === "0" ? "<port below>" : port}.`,
    "Starting the ingest server (Ctrl-C to stop)…",
    "",
  ].join("\n"),
);

// A real local EVM in this process, with the token deployed, unless CHAIN_RPC_URL & co. name a real network.
const devChain = await startDevChainUnlessConfigured();
if (devChain) process.stderr.write(`Dev chain on ${devChain.rpcUrl}: TRIB token at ${process.env.TOKEN_ADDRESS}\n`);

await import("../server/main");
