// better-sqlite3 is a node-gyp module: without a reachable prebuilt binary
// it compiles at install time, which needs python3, make, g++ and Node's
// headers in the install stage. Each request writes a row as the image's
// non-root user and reads the count back.
const http = require('http');
const Database = require('better-sqlite3');

const db = new Database('/tmp/hits.db');
db.exec('CREATE TABLE IF NOT EXISTS hits (at TEXT)');
const insert = db.prepare('INSERT INTO hits (at) VALUES (?)');
const count = db.prepare('SELECT count(*) AS n FROM hits');

http.createServer((req, res) => {
  insert.run(new Date().toISOString());
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(`<h1>better-sqlite3 native module: ok, hits ${count.get().n}</h1>\n`);
}).listen(process.env.PORT || 3000);
