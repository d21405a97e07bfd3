import { defineConfig } from "vite";
import { banner } from "@static-workspace/ui";

// The shared package is read at build time too: its banner is written into
// the page, so the served HTML shows the workspace package was resolved.
export default defineConfig({
  plugins: [{ name: "ui-banner", transformIndexHtml: (html) => html.replace("%UI_BANNER%", banner) }],
});
