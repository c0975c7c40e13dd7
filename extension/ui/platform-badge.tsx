// A platform's mark, drawn locally (no remote icon is ever loaded): its initial on its colour.
import type { Platform } from "../../shared/item";
import { PLATFORM_NAMES } from "./platform-names";

const COLOURS: Record<Platform, string> = {
  x: "#111111",
  reddit: "#c2410c",
  youtube: "#b91c1c",
  tiktok: "#0f766e",
  bluesky: "#1d63c9",
  mastodon: "#5b4bc4",
  instagram: "#a21caf",
  linkedin: "#0a66c2",
  threads: "#262626",
  discord: "#4752c4",
  facebook: "#1658c6",
};

export function PlatformBadge({ platform }: { platform: Platform }) {
  return (
    <span
      class="platform-badge"
      style={{ background: COLOURS[platform] }}
      title={PLATFORM_NAMES[platform]}
      aria-hidden="true"
    >
      {PLATFORM_NAMES[platform].slice(0, platform === "x" ? 1 : 2)}
    </span>
  );
}
