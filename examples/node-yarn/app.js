// A plain node:http server with one Yarn (classic) dependency.
const http = require("node:http");
const ms = require("ms");
http.createServer((_req, res) => res.end(`hello from node-yarn ${ms(2000)}\n`)).listen(process.env.PORT || 3000);
