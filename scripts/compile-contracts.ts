// `npm run contracts`: recompiles the token and writes contracts/build; `--check` fails when the checked-in build is stale.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { compileTributaryReward, formatBuild, TOKEN_BUILD_PATH } from "../contracts/compile";

const fresh = formatBuild(compileTributaryReward());
const shown = relative(process.cwd(), TOKEN_BUILD_PATH);

if (process.argv.includes("--check")) {
  const current = existsSync(TOKEN_BUILD_PATH) ? readFileSync(TOKEN_BUILD_PATH, "utf8") : "";
  if (current !== fresh) {
    process.stderr.write(`${shown} is out of date with contracts/*.sol: run npm run contracts\n`);
    process.exit(1);
  }
  process.stderr.write(`${shown} is up to date\n`);
} else {
  writeFileSync(TOKEN_BUILD_PATH, fresh);
  process.stderr.write(`wrote ${shown}\n`);
}
