import { useSyncExternalStore } from "react";
import { store, type PageState } from "./store.js";

/**
 * The part of the page's state a component shows. A component is drawn again only when
 * what it selects changes (compared with `Object.is`), so a keystroke redraws only the
 * panes whose data changed; `select` must return a part of the state, not a new object.
 */
export function usePage<T>(select: (state: PageState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.snapshot()));
}
