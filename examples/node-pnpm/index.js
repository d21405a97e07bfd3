// A plain node:http server with one pnpm dependency.
const http = require("node:http");
const ms = require("ms");
http.createServer((_req, res) => res.end(`hello from node-pnpm ${ms(60000)}\n`)).listen(process.env.PORT || 3000);
