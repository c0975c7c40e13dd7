// Keyboard on the review page: j/k move, a/r approve/reject, x select, / search, Esc clear, Ctrl+Z undo.
import { useEffect, useRef } from "preact/hooks";

export interface ReviewKeys {
  next(): void;
  previous(): void;
  approve(): void;
  reject(): void;
  toggleSelection(): void;
  search(): void;
  clearSelection(): void;
  undo(): void;
}

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName))
  );
}

export function useReviewKeys(keys: ReviewKeys): void {
  const current = useRef(keys);
  current.current = keys;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.defaultPrevented) return;
      if ((event.ctrlKey || event.metaKey) && event.key === "z" && !typingIn(event.target)) {
        event.preventDefault();
        current.current.undo();
        return;
      }
      if (event.ctrlKey || event.metaKey) return;
      if (typingIn(event.target)) {
        if (event.key === "Escape" && event.target instanceof HTMLElement) event.target.blur();
        return;
      }
      const actions: Record<string, () => void> = {
        j: current.current.next,
        ArrowDown: current.current.next,
        k: current.current.previous,
        ArrowUp: current.current.previous,
        a: current.current.approve,
        r: current.current.reject,
        x: current.current.toggleSelection,
        "/": current.current.search,
        Escape: current.current.clearSelection,
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
