import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

// Thin build config: the manifest's permissions are the minimum the pipeline needs.
export default defineConfig({
  srcDir: "extension",
  // The extension's static files (the _locales strings) live beside its source.
  publicDir: "extension/public",
  imports: false,
  modules: ["@wxt-dev/webextension-polyfill"],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: "Tributary",
    description:
      "Contribute the posts you see to AI builders — redacted on your device, reviewed by you — and get paid.",
    default_locale: "en",
    options_ui: { page: "settings.html", open_in_tab: true },
    // scripting: capture on the Mastodon servers the user adds (each one granted separately). activeTab: the popup
    // learns the site of the tab it was opened over (for "capture on this site"), and nothing more.
    permissions: ["storage", "alarms", "unlimitedStorage", "scripting", "activeTab"],
    host_permissions: ["http://127.0.0.1/*", "http://localhost/*"],
    optional_host_permissions: ["https://*/*"],
    // Firefox needs an add-on id; MAIN-world content scripts need Firefox 128.
    ...(browser === "firefox"
      ? { browser_specific_settings: { gecko: { id: "tributary@tributary.dev", strict_min_version: "128.0" } } }
      : {}),
  }),
});
