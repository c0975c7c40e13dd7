// Preact binding for Dexie's liveQuery: re-renders when the queried rows change, in any extension context.
import { liveQuery, type Subscription } from "dexie";
import { useEffect, useState } from "preact/hooks";

/**
 * A live query started before the page renders (at module load), so the database opens and the first read runs
 * while the page's scripts still evaluate and it paints its frame. The hook that is given it adopts its subscription
 * instead of starting the same query again.
 */
export interface EarlyQuery<T> {
  /** The latest value, once there is one. */
  value?: T;
  /** Hands the subscription to the hook (once): it gets the latest value now, if any, and every later one. */
  adopt(next: (value: T | undefined) => void): Subscription;
}

export function startLiveQuery<T>(query: () => Promise<T>): EarlyQuery<T> {
  let listener: ((value: T | undefined) => void) | undefined;
  const early: EarlyQuery<T> = {
    adopt(next) {
      listener = next;
      if ("value" in early) next(early.value);
      return subscription;
    },
  };
  const subscription = liveQuery(query).subscribe({
    next: (value) => {
      early.value = value;
      listener?.(value);
    },
    error: () => {
      early.value = undefined;
      listener?.(undefined);
    },
  });
  return early;
}

/**
 * The query's latest value (undefined until the first one, or after an error). With `early`, the first deps are
 * served by that already running query; a change of deps starts a new one as usual.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[], early?: EarlyQuery<T>): T | undefined {
  const [first] = useState(() => ({ early, deps: JSON.stringify(deps) }));
  const [value, setValue] = useState<T | undefined>(early?.value);
  useEffect(() => {
    const adopt = first.early !== undefined && first.deps === JSON.stringify(deps);
    const subscription = adopt
      ? first.early!.adopt(setValue)
      : liveQuery(query).subscribe({ next: setValue, error: () => setValue(undefined) });
    // The early query serves its deps once: coming back to them later starts afresh.
    first.early = undefined;
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
