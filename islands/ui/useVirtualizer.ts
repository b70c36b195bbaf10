/**
 * A tiny Preact binding for `@tanstack/virtual-core` (the same shape as
 * `@tanstack/react-virtual`): one Virtualizer per component, re-rendered
 * whenever the visible range or measurements change.
 */
import {
  elementScroll,
  measureElement,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
  type VirtualizerOptions,
} from "@tanstack/virtual-core";
import { useLayoutEffect, useReducer, useState } from "preact/hooks";

/** Options of {@link useVirtualizer}: the core's, minus the DOM plumbing it fills in. */
export type ElementVirtualizerOptions = Omit<
  VirtualizerOptions<HTMLElement, HTMLElement>,
  "observeElementRect" | "observeElementOffset" | "scrollToFn"
>;

/** A virtualizer over a scrolling element, kept in step with each render. */
export function useVirtualizer(
  options: ElementVirtualizerOptions,
): Virtualizer<HTMLElement, HTMLElement> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const resolved: VirtualizerOptions<HTMLElement, HTMLElement> = {
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    measureElement: measureFromObserver,
    ...options,
    onChange(instance, sync) {
      rerender(0);
      options.onChange?.(instance, sync);
    },
  };
  const [instance] = useState(() => new Virtualizer(resolved));
  instance.setOptions(resolved);
  useLayoutEffect(() => instance._didMount(), []);
  useLayoutEffect(() => instance._willUpdate());
  return instance;
}

/**
 * Sizes come from the ResizeObserver, which reports them after the browser's
 * own layout. The core also measures each row as it mounts, reading
 * `offsetHeight`: that forces one layout per new row, and a fast scroll
 * mounts a dozen rows a frame. Until the observer reports, a row keeps its
 * known size or its estimate.
 */
function measureFromObserver(
  element: HTMLElement,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<HTMLElement, HTMLElement>,
): number {
  if (entry) return measureElement(element, entry, instance);
  const index = instance.indexFromElement(element);
  return instance.itemSizeCache.get(instance.options.getItemKey(index)) ??
    instance.options.estimateSize(index);
}
