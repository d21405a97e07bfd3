// The build writes to build/web, not Vite's default dist/: dockgen reads it
// from here. There is no start script: nginx serves the built files.
import { defineConfig } from "vite";

export default defineConfig({
  build: {
    outDir: "build/web",
  },
});
