/**
 * The playground: a static site in playground/dist/ (`npm run build`), served in development
 * by `npm run playground`. The policy, its notice, scenarios and tests are read from
 * policies/ at build time, so the page always shows the policy as it is in the repository.
 */
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));

/**
 * The content-security policy of the built page. Styles need 'unsafe-inline': the editor
 * writes its themes and layout into <style> elements it creates at run time. Images need
 * data: URLs: the editor draws the wavy underline of a problem with a data: SVG in its CSS.
 * It is left out of the development server, whose module reloading runs an inline script.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

function declareContentSecurityPolicy(): Plugin {
  return {
    name: "tiao-content-security-policy",
    apply: "build",
    transformIndexHtml: () => [
      { tag: "meta", attrs: { "http-equiv": "Content-Security-Policy", content: contentSecurityPolicy }, injectTo: "head-prepend" },
    ],
  };
}

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  plugins: [react(), declareContentSecurityPolicy()],
  server: { fs: { allow: [repositoryRoot] } },
  worker: { format: "es" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // No data: URLs (the policy allows none): every asset is a file of the site.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      output: {
        // The editor changes with its version, the page with every edit: apart, a browser keeps the editor cached.
        // The helper that loads a chunk with its styles is the entry's and the editor's: in a chunk of its own,
        // the entry does not wait for the editor's 4 MB to run, and starts the compiler worker at once.
        codeSplitting: {
          groups: [
            { name: "preload", test: /vite[\\/]preload-helper/u },
            { name: "monaco", test: /node_modules[\\/]monaco-editor/u },
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|@monaco-editor)[\\/]/u },
          ],
        },
      },
    },
    reportCompressedSize: false,
  },
});
