// A windowed list: only the rows in view (plus a few) exist in the page, so 100,000 rows scroll like 100.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

const OVERSCAN = 6;
/** Ask for more rows when the view comes this close to the end of those loaded. */
const NEAR_END = 30;

interface VirtualListProps<T> {
  rows: T[];
  rowHeight: number;
  label: string;
  /** The row to keep in view (keyboard focus). */
  focusedIndex: number;
  renderRow(row: T, index: number): ComponentChildren;
  rowKey(row: T): string;
  onNearEnd?(): void;
  testId?: string;
  /** The total when known (announced to assistive technology). */
  total?: number;
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { rows, rowHeight } = props;
  const container = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // Until the list is laid out, the window's height bounds the list's: reading the list's own height now would force
  // a layout before the first rows are even in the page. The observer reports the real height after layout.
  const [height, setHeight] = useState(() => window.innerHeight || 600);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);

  useEffect(() => {
    if (last >= rows.length - NEAR_END) props.onNearEnd?.();
  }, [last, rows.length]);

  useEffect(() => {
    const element = container.current;
    if (!element || props.focusedIndex < 0) return;
    const top = props.focusedIndex * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) {
      element.scrollTop = top + rowHeight - element.clientHeight;
    }
  }, [props.focusedIndex]);

  return (
    <div
      class="virtual-list"
      ref={container}
      data-testid={props.testId}
      data-count={props.total ?? rows.length}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <ul aria-label={props.label} style={{ height: `${rows.length * rowHeight}px`, position: "relative" }}>
        {rows.slice(first, last).map((row, offset) => {
          const index = first + offset;
          return (
            <li
              key={props.rowKey(row)}
              aria-setsize={props.total ?? rows.length}
              aria-posinset={index + 1}
              class="virtual-row"
              style={{ top: `${index * rowHeight}px`, height: `${rowHeight}px` }}
            >
              {props.renderRow(row, index)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
