// One reader per YouTube renderer or view model that shows a video, a comment or a community post.
import type { Item, ItemKind, Media } from "../../../shared/item";
import { asArray, asObject, asString, type JsonObject, objectAt } from "../json-fields";
import { capText, count, shortString } from "../text";
import {
  browseEndpointOf,
  bylineAuthor,
  channelAuthor,
  displayCount,
  isViewsText,
  NO_AUTHOR,
  opaqueId,
  SITE,
  shortsUrl,
  textOf,
  thumbnailMedia,
  videoId,
  watchUrl,
} from "./youtube-fields";

/** What readers share while one response is read. */
export interface Reading {
  source: Item["source"];
  /** The video a watch page or its `/next` answers are about: comments there answer it. */
  watchedVideoId: string | undefined;
}

export type RendererReader = (renderer: JsonObject, promoted: boolean, reading: Reading) => Item | undefined;

interface Shown {
  id: string;
  kind: ItemKind;
  url: string | null;
  text: string;
  author: Item["author"];
  createdAt?: string | null;
  media?: Media[];
  metrics?: Partial<Item["metrics"]>;
  promoted: boolean;
  replyToId?: string | null;
}

function itemOf(shown: Shown, reading: Reading): Item {
  return {
    platform: "youtube",
    id: shown.id,
    url: shown.url,
    kind: shown.kind,
    text: capText(shown.text),
    // A copy: items are changed later on (redaction), and cards without a channel share NO_AUTHOR.
    author: { ...shown.author },
    createdAt: shown.createdAt ?? null,
    lang: null,
    media: shown.media ?? [],
    metrics: { likes: null, reposts: null, replies: null, views: null, ...shown.metrics },
    promoted: shown.promoted,
    originalId: null,
    replyToId: shown.replyToId ?? null,
    source: { ...reading.source },
  };
}

/** A video's text: its title, then the snippet of its description the card shows. */
function videoText(title: string, description: string): string {
  const head = title.trim();
  const body = description.trim();
  return head && body ? `${head}\n\n${body}` : head || body;
}

/** videoRenderer, gridVideoRenderer, compactVideoRenderer, playlist rows and promotedVideoRenderer: one shape. */
export const readVideoRenderer: RendererReader = (renderer, promoted, reading) => {
  const id = videoId(renderer.videoId) ?? videoId(objectAt(renderer, ["navigationEndpoint", "watchEndpoint"])?.videoId);
  const snippet = asObject(asArray(renderer.detailedMetadataSnippets)?.[0])?.snippetText;
  const description = textOf(renderer.descriptionSnippet) || textOf(snippet) || textOf(renderer.description);
  const text = videoText(textOf(renderer.title) || textOf(renderer.headline), description);
  if (id === undefined || !text) return undefined;
  return itemOf(
    {
      id,
      kind: "video",
      url: watchUrl(id),
      text,
      author: bylineAuthor(renderer.ownerText, renderer.longBylineText, renderer.shortBylineText) ?? NO_AUTHOR,
      media: thumbnailMedia(renderer.thumbnail),
      metrics: { views: displayCount(renderer.viewCountText) ?? displayCount(renderer.shortViewCountText) },
      promoted,
    },
    reading,
  );
};

/** A Short in the older shelves: title ("headline") and views only. */
export const readReelItem: RendererReader = (renderer, promoted, reading) => {
  const id =
    videoId(renderer.videoId) ?? videoId(objectAt(renderer, ["navigationEndpoint", "reelWatchEndpoint"])?.videoId);
  const text = textOf(renderer.headline).trim();
  if (id === undefined || !text) return undefined;
  return itemOf(
    {
      id,
      kind: "video",
      url: shortsUrl(id),
      text,
      author: NO_AUTHOR,
      media: thumbnailMedia(renderer.thumbnail),
      metrics: { views: displayCount(renderer.viewCountText) },
      promoted,
    },
    reading,
  );
};

/** The text parts of a lockup's metadata rows: the channel line, then "1.2M views • 3 days ago". */
function metadataParts(metadata: JsonObject | undefined): JsonObject[] {
  const rows = asArray(objectAt(metadata, ["metadata", "contentMetadataViewModel"])?.metadataRows) ?? [];
  const parts: JsonObject[] = [];
  for (const row of rows.slice(0, 10)) {
    for (const part of (asArray(asObject(row)?.metadataParts) ?? []).slice(0, 10)) {
      const text = asObject(asObject(part)?.text);
      if (text) parts.push(text);
    }
  }
  return parts;
}

function lockupAuthor(metadata: JsonObject | undefined, parts: JsonObject[]): Item["author"] {
  for (const part of parts) {
    const browse = browseEndpointOf(asObject(asArray(part.commandRuns)?.[0]));
    if (browse) return channelAuthor(textOf(part), browse);
  }
  const avatar = objectAt(metadata, ["image", "decoratedAvatarViewModel", "rendererContext", "commandContext"]);
  const first = parts.find((part) => !isViewsText(textOf(part)));
  const browse = browseEndpointOf(avatar);
  return first || browse ? channelAuthor(first ? textOf(first) : "", browse) : NO_AUTHOR;
}

/** The view model YouTube's home, channel and watch pages use since 2024 for a video card. */
export const readLockup: RendererReader = (renderer, promoted, reading) => {
  const type = asString(renderer.contentType);
  if (type !== undefined && type !== "LOCKUP_CONTENT_TYPE_VIDEO") return undefined;
  const onTap = objectAt(renderer, ["rendererContext", "commandContext", "onTap", "innertubeCommand", "watchEndpoint"]);
  const id = videoId(renderer.contentId) ?? videoId(onTap?.videoId);
  const container = asObject(renderer.metadata);
  const metadata = asObject(container?.lockupMetadataViewModel);
  const adMetadata = asObject(container?.feedAdMetadataViewModel);
  const text = (textOf(metadata?.title) || textOf(adMetadata?.title) || textOf(adMetadata?.headline)).trim();
  if (id === undefined || !text) return undefined;
  const parts = metadataParts(metadata);
  const views = parts.map(textOf).find(isViewsText);
  return itemOf(
    {
      id,
      kind: "video",
      url: watchUrl(id),
      text,
      author: lockupAuthor(metadata, parts),
      media: thumbnailMedia(objectAt(renderer, ["contentImage", "thumbnailViewModel", "image"])),
      metrics: { views: views === undefined ? null : displayCount(views) },
      promoted: promoted || adMetadata !== undefined,
    },
    reading,
  );
};

/** A Short as the 2024+ shelves show it: title and views over the thumbnail. */
export const readShortsLockup: RendererReader = (renderer, promoted, reading) => {
  const reel = objectAt(renderer, ["onTap", "innertubeCommand", "reelWatchEndpoint"]);
  const entity = asString(renderer.entityId);
  const id = videoId(reel?.videoId) ?? videoId(entity?.replace(/^shorts-shelf-item-/, ""));
  const overlay = asObject(renderer.overlayMetadata);
  const text = textOf(overlay?.primaryText).trim();
  if (id === undefined || !text) return undefined;
  const image =
    objectAt(renderer, ["thumbnail"]) ?? objectAt(renderer, ["thumbnailViewModel", "thumbnailViewModel", "image"]);
  return itemOf(
    {
      id,
      kind: "video",
      url: shortsUrl(id),
      text,
      author: NO_AUTHOR,
      media: thumbnailMedia(image),
      metrics: { views: displayCount(overlay?.secondaryText) },
      promoted,
    },
    reading,
  );
};

/** A reply's id is its thread's id, a dot, and its own part: it answers the thread's first comment, which answers the video. */
function commentReplyTo(id: string, video: string | undefined): string | null {
  const dot = id.indexOf(".");
  return dot > 0 ? id.slice(0, dot) : (video ?? null);
}

function commentUrl(id: string, video: string | undefined): string | null {
  return video === undefined ? null : `${watchUrl(video)}&lc=${id}`;
}

/** YouTube shows no number under a comment nobody liked or answered; a missing field is no count, though. */
function commentCount(value: unknown): number | null {
  if (value === undefined) return null;
  const text = textOf(value).trim();
  return text === "" ? 0 : displayCount(text);
}

/** A commenter: YouTube shows commenters by @handle only. */
function commenter(shownName: string, channelId: unknown, browse: JsonObject | undefined): Item["author"] {
  const author = channelAuthor(shownName, browse ?? { browseId: channelId });
  const handle = shownName.trim().startsWith("@") ? shortString(shownName.trim(), 128) : undefined;
  return handle ? { ...author, handle } : author;
}

/** A comment before 2024: all of it in the renderer. */
export const readCommentRenderer: RendererReader = (renderer, promoted, reading) => {
  const id = opaqueId(renderer.commentId);
  const text = textOf(renderer.contentText).trim();
  if (id === undefined || !text) return undefined;
  const published = asObject(asArray(asObject(renderer.publishedTimeText)?.runs)?.[0]);
  const video =
    videoId(objectAt(published, ["navigationEndpoint", "watchEndpoint"])?.videoId) ?? reading.watchedVideoId;
  return itemOf(
    {
      id,
      kind: "comment",
      url: commentUrl(id, video),
      text,
      author: commenter(
        textOf(renderer.authorText),
        undefined,
        objectAt(renderer, ["authorEndpoint", "browseEndpoint"]),
      ),
      metrics: { likes: commentCount(renderer.voteCount), replies: count(renderer.replyCount) },
      promoted,
      replyToId: commentReplyTo(id, video),
    },
    reading,
  );
};

/** A comment since 2024: the thread holds a key, the words and counts come in `frameworkUpdates` entities. */
export const readCommentEntity: RendererReader = (entity, promoted, reading) => {
  const properties = asObject(entity.properties);
  const id = opaqueId(properties?.commentId);
  const text = textOf(properties?.content).trim();
  if (id === undefined || !text) return undefined;
  const author = asObject(entity.author);
  const toolbar = asObject(entity.toolbar);
  return itemOf(
    {
      id,
      kind: "comment",
      url: commentUrl(id, reading.watchedVideoId),
      text,
      author: commenter(asString(author?.displayName) ?? "", author?.channelId, undefined),
      metrics: { likes: commentCount(toolbar?.likeCountNotliked), replies: commentCount(toolbar?.replyCount) },
      promoted,
      replyToId: commentReplyTo(id, reading.watchedVideoId),
    },
    reading,
  );
};

function postMedia(attachment: JsonObject | undefined): Media[] {
  const single = objectAt(attachment, ["backstageImageRenderer", "image"]);
  if (single) return thumbnailMedia(single);
  const media: Media[] = [];
  for (const entry of (asArray(objectAt(attachment, ["postMultiImageRenderer"])?.images) ?? []).slice(0, 50)) {
    media.push(...thumbnailMedia(objectAt(entry, ["backstageImageRenderer", "image"])));
  }
  const video = videoId(objectAt(attachment, ["videoRenderer"])?.videoId);
  if (video) media.push({ type: "link", url: watchUrl(video) });
  return media;
}

/** A community post on a channel's Posts tab or in the home feed. */
export const readCommunityPost: RendererReader = (renderer, promoted, reading) => {
  const id = opaqueId(renderer.postId);
  const text = textOf(renderer.contentText).trim();
  const media = postMedia(asObject(renderer.backstageAttachment));
  if (id === undefined || (!text && media.length === 0)) return undefined;
  return itemOf(
    {
      id,
      kind: "post",
      url: `${SITE}/post/${id}`,
      text,
      author: channelAuthor(textOf(renderer.authorText), objectAt(renderer, ["authorEndpoint", "browseEndpoint"])),
      media,
      metrics: { likes: displayCount(renderer.voteCount) },
      promoted,
    },
    reading,
  );
};
