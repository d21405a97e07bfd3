// An Express server: dockgen's e2e example for npm with a lockfile.
const express = require("express");
const app = express();
app.get("/", (_req, res) => res.send("hello from node-npm\n"));
app.listen(process.env.PORT || 3000);
