// Instagram's media object, which Threads posts share: ids, author, caption, pictures and videos, and the marks of an ad.
import type { Item, Media } from "../../shared/item";
import { asArray, asObject, asString, type JsonObject } from "./json-fields";
import { httpUrl, shortString } from "./text";

const DIGITS = /^\d{1,32}$/;
/** A shortcode, as in instagram.com/p/<code>/ and threads.com/@user/post/<code>. */
const CODE = /^[A-Za-z0-9_-]{1,64}$/;
/** Instagram and Threads usernames: letters, digits, `.` and `_`, at most 30. */
const USERNAME = /^[A-Za-z0-9._]{1,30}$/;
const MAX_MEDIA = 50;

/** A numeric id as a string; ids sent as JSON numbers count only while they are exact (below 2^53). */
function numericId(value: unknown): string | undefined {
  if (typeof value === "string") return DIGITS.test(value) ? value : undefined;
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
}

/**
 * The post's own id. `id` ("<pk>_<owner pk>") is always a string, so it is exact even where the API v1 sends `pk` as a
 * number too large for JavaScript; `pk` is read when there is no `id`.
 */
export function mediaId(post: JsonObject): string | undefined {
  const id = asString(post.id);
  const head = id?.split("_", 1)[0];
  return numericId(head) ?? numericId(post.pk);
}

/** True when an object is a media object (a post, reel or thread post), as opposed to the wrappers around it. */
export function isMediaShaped(value: JsonObject): boolean {
  return (
    typeof value.code === "string" &&
    typeof value.taken_at === "number" &&
    asObject(value.user) !== undefined &&
    (value.pk !== undefined || typeof value.id === "string")
  );
}

export function shortcodeOf(post: JsonObject): string | undefined {
  const code = asString(post.code);
  return code !== undefined && CODE.test(code) ? code : undefined;
}

/** The author with a username that can name a profile page, or undefined. */
export function authorOf(user: JsonObject): Item["author"] | undefined {
  const id = numericId(user.pk) ?? numericId(user.pk_id) ?? numericId(user.id);
  const handle = asString(user.username);
  if (id === undefined || handle === undefined || !USERNAME.test(handle)) return undefined;
  const name = shortString(asString(user.full_name)?.trim(), 256) ?? handle;
  return { id, handle, name };
}

/** The post's words: the caption, else (Threads) the text fragments it is shown as. */
export function captionText(post: JsonObject): string {
  const caption = asString(asObject(post.caption)?.text);
  if (caption) return caption;
  const info = asObject(post.text_post_app_info);
  let text = "";
  for (const entry of asArray(asObject(info?.text_fragments)?.fragments) ?? []) {
    const plaintext = asString(asObject(entry)?.plaintext);
    if (plaintext !== undefined) text += plaintext;
  }
  return text;
}

/** The largest picture or the first video of one media object (the first candidate is the largest). */
function oneMedia(value: unknown): Media | undefined {
  const object = asObject(value);
  if (!object) return undefined;
  const video = httpUrl(asObject(asArray(object.video_versions)?.[0])?.url);
  if (video) return { type: "video", url: video };
  const image = httpUrl(asObject(asArray(asObject(object.image_versions2)?.candidates)?.[0])?.url);
  return image ? { type: "image", url: image } : undefined;
}

/** What a post shows: each picture or video of a carousel, or the post's one picture or video. */
export function mediaOf(post: JsonObject): Media[] {
  const carousel = asArray(post.carousel_media);
  if (!carousel || carousel.length === 0) {
    const single = oneMedia(post);
    return single ? [single] : [];
  }
  const media: Media[] = [];
  for (const entry of carousel) {
    const one = oneMedia(entry);
    if (one) media.push(one);
    if (media.length === MAX_MEDIA) break;
  }
  return media;
}

/**
 * True when the object is an ad or the unit that carries one: an ad id, the `injected` block of the feed's inserted
 * units, a call to action, or the ad product type. A paid partnership (`is_paid_partnership`) is an author's own post.
 */
export function isAd(value: JsonObject): boolean {
  const adId = value.ad_id;
  return (
    (typeof adId === "string" && adId.length > 0) ||
    typeof adId === "number" ||
    asObject(value.injected) !== undefined ||
    (typeof value.ad_action === "string" && value.ad_action.length > 0) ||
    value.product_type === "ad" ||
    value.is_ad === true ||
    (typeof value.link === "string" && value.link.startsWith("https://www.facebook.com/ads/"))
  );
}
