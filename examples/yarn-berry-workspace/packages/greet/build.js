// The package's build: writes dist/index.js from src/, as a compiler would.
const fs = require("fs");
fs.mkdirSync("dist", { recursive: true });
fs.writeFileSync("dist/index.js", fs.readFileSync("src/index.js", "utf8").replace("__BUILT__", "built"));
