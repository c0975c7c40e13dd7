// How platforms are named to people.
import type { Platform } from "../../shared/item";

export const PLATFORM_NAMES: Record<Platform, string> = {
  x: "X",
  reddit: "Reddit",
  youtube: "YouTube",
  tiktok: "TikTok",
  bluesky: "Bluesky",
  mastodon: "Mastodon",
  instagram: "Instagram",
  linkedin: "LinkedIn",
  threads: "Threads",
  discord: "Discord",
  facebook: "Facebook",
};
