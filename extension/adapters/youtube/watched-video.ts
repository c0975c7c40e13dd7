// The video a watch page is about: its title and views (videoPrimaryInfoRenderer), channel and description
// (videoSecondaryInfoRenderer), refined on a first page load by the player response's exact numbers and date.
import type { Item } from "../../../shared/item";
import { asArray, asObject, asString, type JsonObject, objectAt } from "../json-fields";
import { capText, count, isoDateTime } from "../text";
import type { Reading } from "./renderers";
import { bylineAuthor, channelAuthor, displayCount, NO_AUTHOR, textOf, videoId, watchUrl } from "./youtube-fields";

/** The watched video's id, named by the answer itself (the request that asked for it is not captured). */
export function watchedVideoIdOf(body: JsonObject): string | undefined {
  return videoId(objectAt(body, ["currentVideoEndpoint", "watchEndpoint"])?.videoId);
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const SHOWN_DATE = /(?:^|\s)([A-Z][a-z]{2})[a-z]*\.? (\d{1,2}), (\d{4})$/;

/**
 * "Mar 3, 2024" (also "Premiered Mar 3, 2024", "Streamed live on …") → that day at 00:00 UTC; relative dates
 * ("3 days ago") and other languages → null. The page shows no time of day, so none is invented.
 */
export function shownDate(value: unknown): string | null {
  const match = SHOWN_DATE.exec(textOf(value).trim());
  if (!match) return null;
  const month = MONTHS.indexOf((match[1] as string).toLowerCase());
  const day = Number(match[2]);
  const year = Number(match[3]);
  if (month < 0 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month, day));
  return date.getUTCDate() === day ? date.toISOString() : null;
}

function findRenderer(contents: readonly unknown[], key: string): JsonObject | undefined {
  for (const entry of contents) {
    const renderer = asObject(asObject(entry)?.[key]);
    if (renderer) return renderer;
  }
  return undefined;
}

/** What the player response says of the video on a first page load: exact views, full description, upload date. */
function playerDetails(player: JsonObject | undefined, id: string) {
  const details = asObject(player?.videoDetails);
  if (!details || details.videoId !== id) return undefined;
  const microformat = objectAt(player, ["microformat", "playerMicroformatRenderer"]);
  return {
    title: asString(details.title) ?? "",
    description: asString(details.shortDescription) ?? "",
    views: count(details.viewCount),
    createdAt: isoDateTime(microformat?.publishDate) ?? isoDateTime(microformat?.uploadDate),
    author: channelAuthor(asString(details.author) ?? "", { browseId: details.channelId }),
  };
}

/** The watched video as an item, or undefined when the answer is no watch page. */
export function readWatchedVideo(body: JsonObject, player: JsonObject | undefined, reading: Reading): Item | undefined {
  const id = watchedVideoIdOf(body);
  const contents = asArray(objectAt(body, ["contents", "twoColumnWatchNextResults", "results", "results"])?.contents);
  if (id === undefined || !contents) return undefined;
  const primary = findRenderer(contents, "videoPrimaryInfoRenderer");
  const secondary = findRenderer(contents, "videoSecondaryInfoRenderer");
  const fromPlayer = playerDetails(player, id);
  const title = (textOf(primary?.title) || fromPlayer?.title || "").trim();
  const description = (
    textOf(secondary?.attributedDescription) ||
    textOf(secondary?.description) ||
    fromPlayer?.description ||
    ""
  ).trim();
  if (!title) return undefined;
  const owner = objectAt(secondary, ["owner", "videoOwnerRenderer"]);
  const author = bylineAuthor(owner?.title);
  return {
    platform: "youtube",
    id,
    url: watchUrl(id),
    kind: "video",
    text: capText(description ? `${title}\n\n${description}` : title),
    author: author?.id ? author : (fromPlayer?.author ?? author ?? { ...NO_AUTHOR }),
    createdAt: fromPlayer?.createdAt ?? shownDate(primary?.dateText),
    lang: null,
    media: [],
    metrics: {
      likes: null,
      reposts: null,
      replies: null,
      views: fromPlayer?.views ?? displayCount(objectAt(primary, ["viewCount", "videoViewCountRenderer"])?.viewCount),
    },
    promoted: false,
    originalId: null,
    replyToId: null,
    source: { ...reading.source },
  };
}
