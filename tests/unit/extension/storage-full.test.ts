// Which storage errors stop capture: the browser's quota error, however Dexie wraps it, and nothing else.
import { Dexie } from "dexie";
import { describe, expect, it } from "vitest";
import { isStorageFull } from "../../../extension/background/storage-full";

const quota = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");

describe("isStorageFull", () => {
  it("recognises the browser's quota error, bare or wrapped by Dexie", () => {
    expect(isStorageFull(quota())).toBe(true);
    expect(isStorageFull(new Dexie.AbortError("aborted", quota()))).toBe(true);
    expect(isStorageFull(new Dexie.QuotaExceededError("full"))).toBe(true);
  });

  it("recognises a bulk write whose rows were refused for lack of room", () => {
    const bulk = new Dexie.BulkError("2 of 2 operations failed", { 0: quota(), 1: quota() });
    expect(isStorageFull(bulk)).toBe(true);
  });

  it("does not stop capture for any other failure", () => {
    expect(isStorageFull(new Dexie.ConstraintError("key exists"))).toBe(false);
    expect(isStorageFull(new Dexie.BulkError("1 of 1 operations failed", { 0: new Error("boom") }))).toBe(false);
    expect(isStorageFull(new Error("QuotaExceededError"))).toBe(false);
    expect(isStorageFull(undefined)).toBe(false);
    expect(isStorageFull("QuotaExceededError")).toBe(false);
  });
});
