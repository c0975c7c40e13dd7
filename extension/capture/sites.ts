// The pages the capture scripts run on: the minimum match patterns the registered adapters need.
// Bluesky's app fetches from many hosts (its AppView, each user's PDS); the hook runs in bsky.app's page and the
// Bluesky adapter matches those responses by XRPC path, so no other host needs a content script.
export const CAPTURE_PAGE_MATCHES = [
  "https://x.com/*",
  "https://mobile.x.com/*",
  "https://twitter.com/*",
  "https://www.reddit.com/*",
  "https://old.reddit.com/*",
  "https://sh.reddit.com/*",
  "https://bsky.app/*",
  "https://www.linkedin.com/*",
  "https://discord.com/*",
  "https://www.instagram.com/*",
  "https://www.threads.com/*",
  "https://www.threads.net/*",
  "https://www.youtube.com/*",
  "https://m.youtube.com/*",
  "https://www.tiktok.com/*",
  // The largest Mastodon servers; any other server is added by the user at run time (capture/instance-scripts.ts).
  "https://mastodon.social/*",
  "https://mastodon.online/*",
];
