// LinkedIn feed updates and their comments → items: posts, reshares (repost or quote), comments, ads marked promoted.
import type { Item, ItemKind, Media } from "../../../shared/item";
import { asArray, asObject, asString, type JsonObject } from "../json-fields";
import { capText, count, httpUrl, shortString } from "../text";
import { type Entities, linked, textOf } from "./entities";

const ACTIVITY = /urn:li:activity:(\d{1,20})(?!\d)/;
/** `urn:li:comment:(urn:li:activity:1,2)` (the dash API) or `urn:li:comment:(activity:1,2)` (the older one). */
const COMMENT = /^urn:li:comment:\((?:urn:li:)?(activity|ugcPost|share):(\d{1,20}),(\d{1,20})\)$/;
const UPDATE_URN = /^urn:li:(?:fsd_update|fs_updateV2):/;
const UPDATE_TYPES = new Set(["com.linkedin.voyager.dash.feed.Update", "com.linkedin.voyager.feed.render.UpdateV2"]);
const COMMENT_TYPES = new Set(["com.linkedin.voyager.dash.social.Comment", "com.linkedin.voyager.feed.Comment"]);

/** LinkedIn ids are 64-bit numbers whose top 41 bits are the milliseconds since 1970 when they were made. */
const EARLIEST = Date.UTC(2003, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

const MAX_ITEMS = 2000;

export interface Collected {
  entities: Entities;
  items: Item[];
  seen: Set<string>;
  source: Item["source"];
}

function activityIn(value: unknown): string | undefined {
  const urn = asString(value);
  return urn !== undefined && urn.length <= 512 ? ACTIVITY.exec(urn)?.[1] : undefined;
}

/** The activity an update is: its metadata names it; its entity urn embeds it. */
function activityOf(update: JsonObject): string | undefined {
  return (
    activityIn(asObject(update.metadata)?.backendUrn) ??
    activityIn(asObject(update.updateMetadata)?.urn) ??
    activityIn(update.entityUrn) ??
    activityIn(update.preDashEntityUrn)
  );
}

function instantOfId(id: string): string | null {
  const ms = Number(BigInt(id) >> 22n);
  return ms >= EARLIEST && ms < LATEST ? new Date(ms).toISOString() : null;
}

function instantOfMillis(value: unknown): string | null {
  return typeof value === "number" && Number.isFinite(value) && value >= EARLIEST && value < LATEST
    ? new Date(Math.round(value)).toISOString()
    : null;
}

/**
 * The public name in a profile or company page URL (`https://www.linkedin.com/in/jane-doe`), or undefined. Read by
 * pattern rather than `new URL()`, which costs more than the rest of an update: the host must be linkedin.com or one
 * of its subdomains, ended by the path (no user info, no port).
 */
const PROFILE_URL =
  /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){0,4}linkedin\.com\/(?:in|company|school|showcase)\/([^/?#\s]{1,100})(?:[/?#]|$)/i;

function pageName(url: unknown): string | undefined {
  const href = httpUrl(url);
  const name = href === undefined ? undefined : PROFILE_URL.exec(href)?.[1];
  if (name === undefined) return undefined;
  try {
    return shortString(decodeURIComponent(name), 128);
  } catch {
    return undefined;
  }
}

function authorFrom(id: unknown, profileUrl: unknown, name: unknown): Item["author"] | undefined {
  const handle = pageName(profileUrl);
  const authorId = shortString(id, 128) ?? handle;
  if (authorId === undefined) return undefined;
  const shownHandle = handle ?? authorId;
  return { id: authorId, handle: shownHandle, name: shortString(name, 256) ?? shownHandle };
}

function actorOf(update: JsonObject): Item["author"] | undefined {
  const actor = asObject(update.actor);
  if (!actor) return undefined;
  const id = actor.backendUrn ?? actor.urn ?? asObject(actor.actor)?.["*profileUrn"];
  return authorFrom(id, asObject(actor.navigationContext)?.actionTarget, textOf(actor.name));
}

/** An ad says so in its metadata, or under its author's name ("Promoted", "Promoted by …") where the time would be. */
function isPromoted(update: JsonObject): boolean {
  const metadata = asObject(update.metadata) ?? asObject(update.updateMetadata);
  const tracking = asObject(metadata?.trackingData);
  const subDescription = textOf(asObject(update.actor)?.subDescription) ?? "";
  return (
    update.sponsored === true ||
    update.isSponsored === true ||
    metadata?.isSponsored === true ||
    asObject(tracking?.sponsoredTracking) !== undefined ||
    /^\s*Promoted\b/.test(subDescription)
  );
}

/** The largest rendition of a vector image: its root URL and the path of its widest artifact. */
function vectorImageUrl(value: unknown): string | undefined {
  const image = asObject(value);
  const root = asString(image?.rootUrl);
  let best: { width: number; path: string } | undefined;
  for (const entry of (asArray(image?.artifacts) ?? []).slice(0, 32)) {
    const artifact = asObject(entry);
    const path = asString(artifact?.fileIdentifyingUrlPathSegment);
    const width = typeof artifact?.width === "number" ? artifact.width : 0;
    if (path !== undefined && (!best || width > best.width)) best = { width, path };
  }
  if (root === undefined || !best) return undefined;
  return httpUrl(root + best.path) ?? httpUrl(best.path);
}

function imagesOf(images: unknown): Media[] {
  const media: Media[] = [];
  for (const entry of (asArray(images) ?? []).slice(0, 50)) {
    for (const attribute of (asArray(asObject(entry)?.attributes) ?? []).slice(0, 4)) {
      const holder = asObject(attribute);
      const url = vectorImageUrl(asObject(holder?.detailData)?.vectorImage ?? holder?.vectorImage);
      if (url) {
        media.push({ type: "image", url });
        break;
      }
    }
  }
  return media;
}

function videoOf(entities: Entities, component: JsonObject | undefined): Media[] {
  const metadata = linked(entities, component, "videoPlayMetadata");
  for (const entry of (asArray(metadata?.progressiveStreams) ?? []).slice(0, 16)) {
    const location = asObject(asArray(asObject(entry)?.streamingLocations)?.[0]);
    const url = httpUrl(location?.url);
    if (url) return [{ type: "video", url }];
  }
  return [];
}

function mediaOf(entities: Entities, update: JsonObject): Media[] {
  const content = asObject(update.content);
  if (!content) return [];
  const media = [
    ...imagesOf(asObject(content.imageComponent)?.images),
    ...imagesOf(content.images),
    ...videoOf(entities, asObject(content.linkedInVideoComponent)),
    ...videoOf(entities, asObject(content.externalVideoComponent)),
  ];
  const article =
    asObject(asObject(content.articleComponent)?.navigationContext) ?? asObject(content.navigationContext);
  const link = httpUrl(article?.actionTarget);
  if (link) media.push({ type: "link", url: link });
  return media.slice(0, 50);
}

function metricsOf(entities: Entities, holder: JsonObject): Item["metrics"] {
  const counts = linked(entities, linked(entities, holder, "socialDetail"), "totalSocialActivityCounts");
  return {
    likes: count(counts?.numLikes),
    reposts: count(counts?.numShares),
    replies: count(counts?.numComments),
    views: count(counts?.numImpressions) ?? count(counts?.numViews),
  };
}

function add(into: Collected, item: Item): void {
  if (into.items.length >= MAX_ITEMS || into.seen.has(item.id)) return;
  into.seen.add(item.id);
  into.items.push(item);
}

function isUpdate(entity: JsonObject): boolean {
  const type = asString(entity.$type);
  const urn = asString(entity.entityUrn) ?? "";
  return (type !== undefined && UPDATE_TYPES.has(type)) || UPDATE_URN.test(urn);
}

/**
 * An update as an item, after the update it reshares (if any). A reshare without words of its own is a repost and
 * shows the original's words, as a Mastodon boost does; one with words is a quote.
 */
export function collectUpdate(value: unknown, into: Collected, depth = 0): Item | undefined {
  const update = asObject(value);
  const id = update ? activityOf(update) : undefined;
  const author = update ? actorOf(update) : undefined;
  if (!update || id === undefined || !author) return undefined;
  const reshared = linked(into.entities, update, "resharedUpdate");
  const shown = reshared && depth < 2 ? collectUpdate(reshared, into, depth + 1) : undefined;
  const original = shown?.id === id ? undefined : shown;
  const ownText = (textOf(asObject(update.commentary)?.text) ?? textOf(update.commentary) ?? "").trim();
  let kind: ItemKind = "post";
  if (original) kind = ownText ? "quote" : "repost";
  const item: Item = {
    platform: "linkedin",
    id,
    url: `https://www.linkedin.com/feed/update/urn:li:activity:${id}/`,
    kind,
    text: capText(kind === "repost" && original ? original.text : ownText),
    author,
    createdAt: instantOfId(id),
    lang: null,
    media: kind === "repost" && original ? original.media : mediaOf(into.entities, update),
    metrics: metricsOf(into.entities, update),
    promoted: isPromoted(update),
    originalId: original?.id ?? null,
    replyToId: null,
    source: { ...into.source },
  };
  add(into, item);
  return item;
}

/** A comment under an update, kept when it has words. */
export function collectComment(entity: JsonObject, into: Collected): void {
  const urn = asString(entity.urn);
  const match = urn !== undefined && urn.length <= 256 ? COMMENT.exec(urn) : null;
  if (!match) return;
  const [, threadKind, threadId, id] = match as unknown as [string, string, string, string];
  const commenter = asObject(entity.commenter);
  const author = authorFrom(
    asObject(commenter?.actor)?.["*profileUrn"] ?? asString(commenter?.urn),
    asObject(commenter?.navigationContext)?.actionTarget,
    textOf(commenter?.title),
  );
  const text = (textOf(entity.commentary) ?? textOf(entity.commentV2) ?? "").trim();
  if (!author || !text) return;
  const onActivity = threadKind === "activity";
  const commentUrn = encodeURIComponent(`urn:li:comment:(activity:${threadId},${id})`);
  add(into, {
    platform: "linkedin",
    id,
    url: onActivity
      ? `https://www.linkedin.com/feed/update/urn:li:activity:${threadId}/?commentUrn=${commentUrn}`
      : null,
    kind: "comment",
    text: capText(text),
    author,
    createdAt: instantOfMillis(entity.createdAt) ?? instantOfMillis(entity.createdTime) ?? instantOfId(id),
    lang: null,
    media: [],
    metrics: metricsOf(into.entities, entity),
    promoted: false,
    originalId: null,
    replyToId: onActivity ? threadId : null,
    source: { ...into.source },
  });
}

/** Every update and comment among the entities, in the order the response lists them. */
export function collectEntities(into: Collected): void {
  for (const entity of into.entities.list) {
    if (into.items.length >= MAX_ITEMS) return;
    if (isUpdate(entity)) collectUpdate(entity, into);
    else if (COMMENT_TYPES.has(asString(entity.$type) ?? "") || asString(entity.urn)?.startsWith("urn:li:comment:")) {
      collectComment(entity, into);
    }
  }
}
