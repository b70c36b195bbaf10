/**
 * A tiny Preact binding for `@tanstack/virtual-core` (the same shape as
 * `@tanstack/react-virtual`): one Virtualizer per component, re-rendered
 * whenever the visible range or measurements change.
 */
import {
  elementScroll,
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
