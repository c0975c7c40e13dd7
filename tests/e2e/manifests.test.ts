// The built manifests (Chrome MV3 and Firefox MV3) ask for no more than the pipeline needs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CAPTURE_PAGE_MATCHES } from "../../extension/capture/sites";

interface ContentScript {
  matches: string[];
  js: string[];
  run_at?: string;
  world?: string;
}
interface Manifest {
  manifest_version: number;
  permissions: string[];
  host_permissions: string[];
  optional_host_permissions?: string[];
  content_scripts: ContentScript[];
  background: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string } };
}

const read = (dir: string): Manifest => JSON.parse(readFileSync(`.output/${dir}/manifest.json`, "utf8")) as Manifest;

describe.each([
  ["chrome-mv3", "Chrome"],
  ["firefox-mv3", "Firefox"],
])("the %s build", (dir) => {
  const manifest = read(dir);

  it("is Manifest V3 with only storage, alarms, unlimited storage, scripting and activeTab as permissions", () => {
    expect(manifest.manifest_version).toBe(3);
    expect([...manifest.permissions].sort()).toEqual([
      "activeTab",
      "alarms",
      "scripting",
      "storage",
      "unlimitedStorage",
    ]);
    expect(manifest.host_permissions).toEqual(["http://127.0.0.1/*", "http://localhost/*"]);
    expect(manifest.optional_host_permissions).toEqual(["https://*/*"]);
  });

  it("hooks the page's MAIN world at document_start and relays from the isolated world, on the platform pages only", () => {
    const main = manifest.content_scripts.find((script) => script.world === "MAIN");
    const relay = manifest.content_scripts.find((script) => script.world !== "MAIN");
    expect(main?.run_at).toBe("document_start");
    expect(relay?.run_at).toBe("document_start");
    expect([...(main?.matches ?? [])].sort()).toEqual([...CAPTURE_PAGE_MATCHES].sort());
    expect([...(relay?.matches ?? [])].sort()).toEqual([...CAPTURE_PAGE_MATCHES].sort());
  });
});

describe("the Firefox build", () => {
  it("has an add-on id, needs Firefox 128 for MAIN-world scripts, and runs its background as scripts", () => {
    const manifest = read("firefox-mv3");
    expect(manifest.browser_specific_settings?.gecko).toEqual({
      id: "tributary@tributary.dev",
      strict_min_version: "128.0",
    });
    expect(manifest.background.scripts?.length).toBeGreaterThan(0);
  });

  it("is not in the Chrome build, which runs a service worker", () => {
    const manifest = read("chrome-mv3");
    expect(manifest.browser_specific_settings).toBeUndefined();
    expect(manifest.background.service_worker).toBe("background.js");
  });
});
