import { describe, expect, it } from "vitest";
import { createIdleQueue } from "../../../extension/capture/idle-queue";

type QueueWindow = Parameters<typeof createIdleQueue>[0];

describe("the capture scripts' idle queue", () => {
  it("runs one task per idle callback, in order, past a failing one, with a timeout for a page never idle", () => {
    const callbacks: (() => void)[] = [];
    const timeouts: number[] = [];
    const win = {
      requestIdleCallback: (callback: () => void, options: { timeout: number }) => {
        timeouts.push(options.timeout);
        callbacks.push(callback);
        return callbacks.length;
      },
    } as unknown as QueueWindow;
    const ran: string[] = [];
    const enqueue = createIdleQueue(win, 1500);
    enqueue(() => ran.push("a"));
    enqueue(() => {
      throw new Error("a broken task");
    });
    enqueue(() => ran.push("c"));
    expect(callbacks).toHaveLength(1);
    callbacks.shift()?.();
    expect(ran).toEqual(["a"]);
    for (let i = 0; i < 2; i++) callbacks.shift()?.();
    expect(ran).toEqual(["a", "c"]);
    expect(callbacks).toHaveLength(0);
    expect(timeouts).toEqual([1500, 1500, 1500]);
  });

  it("falls back to a timer where the browser has no idle callbacks", async () => {
    const win = { setTimeout: (run: () => void, ms: number) => setTimeout(run, ms) } as unknown as QueueWindow;
    const ran: number[] = [];
    const enqueue = createIdleQueue(win);
    enqueue(() => ran.push(1));
    enqueue(() => ran.push(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual([1, 2]);
  });
});
