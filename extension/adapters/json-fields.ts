// Typed reads of untrusted JSON: every response is treated as unknown and read one checked field at a time.

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The object at a chain of keys, or undefined as soon as one step is missing or not an object. */
export function objectAt(root: unknown, keys: readonly string[]): JsonObject | undefined {
  let current = asObject(root);
  for (const key of keys) {
    if (!current) return undefined;
    current = asObject(current[key]);
  }
  return current;
}
