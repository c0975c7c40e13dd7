// LinkedIn's normalized JSON: a `data` root and an `included[]` list of entities that fields name by urn (`*actor`).
import { asArray, asObject, asString, type JsonObject } from "../json-fields";

/** More entities than any feed page holds; a bigger list is read only this far. */
const MAX_ENTITIES = 20_000;

/** The entities of a normalized response, by entity urn, in the order the response lists them. */
export interface Entities {
  byUrn: Map<string, JsonObject>;
  list: JsonObject[];
}

/** The entities of a body shaped `{ data: {…}, included: [...] }`, or undefined for any other shape. */
export function normalizedEntities(body: unknown): Entities | undefined {
  const root = asObject(body);
  const included = asArray(root?.included);
  if (!root || !asObject(root.data) || !included) return undefined;
  const entities: Entities = { byUrn: new Map(), list: [] };
  for (const value of included.slice(0, MAX_ENTITIES)) {
    const entity = asObject(value);
    const urn = asString(entity?.entityUrn);
    if (!entity || urn === undefined) continue;
    entities.list.push(entity);
    if (!entities.byUrn.has(urn)) entities.byUrn.set(urn, entity);
  }
  return entities;
}

/** A field that holds its object inline (`socialDetail: {…}`) or names it by urn (`*socialDetail: "urn:li:…"`). */
export function linked(entities: Entities, holder: JsonObject | undefined, key: string): JsonObject | undefined {
  if (!holder) return undefined;
  const inline = asObject(holder[key]);
  if (inline) return inline;
  const urn = asString(holder[`*${key}`]);
  return urn === undefined ? undefined : entities.byUrn.get(urn);
}

/** The `text` of a TextViewModel (`{ text: "…" }`), or of a component that wraps one (`commentary.text.text`). */
export function textOf(value: unknown): string | undefined {
  const model = asObject(value);
  const text = model?.text;
  return typeof text === "string" ? text : asString(asObject(text)?.text);
}
