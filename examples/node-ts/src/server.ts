// A TypeScript server compiled by tsc in the image's build stage.
import http from "node:http";
import ms from "ms";

const port = Number(process.env.PORT ?? 3000);
http.createServer((_req, res) => res.end(`hello from node-ts ${ms(1000)}\n`)).listen(port);
