/** The page: Monaco, the language features, React, and `window.tiaoPlayground`. */
import "./editor/monaco-setup.js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { tiaoPlayground } from "./automation.js";
import { registerLanguageFeatures } from "./editor/language-features.js";
import "./styles.css";

// seen in profiles: the editor and the page are loaded and evaluated
performance.mark("tiao:page-evaluated");
registerLanguageFeatures();
window.tiaoPlayground = tiaoPlayground;
createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
