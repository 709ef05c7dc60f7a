import { useSyncExternalStore } from "react";
import { store, type PageState } from "./store.js";

export function usePage(): PageState {
  return useSyncExternalStore(store.subscribe, store.snapshot);
}
