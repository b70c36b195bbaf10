/**
 * The client half of an island: finds the server-rendered roots of one
 * island (`<div data-island="Name" data-props="{…}">`) and hydrates each
 * with its props. Build entries call this; see `server/build.ts`.
 */
import type { ComponentType } from "preact";
import { hydrate } from "preact";

/** Hydrates every root rendered for the island `name`. */
export function hydrateIslands<P extends object>(name: string, Island: ComponentType<P>): void {
  for (const root of document.querySelectorAll<HTMLElement>(`[data-island="${name}"]`)) {
    const props = JSON.parse(root.dataset.props ?? "{}") as P;
    hydrate(<Island {...props} />, root);
  }
}
