const http = require("http");
const ms = require("ms");
const { greet } = require("@berry/greet");

const port = Number(process.env.PORT || 3000);
http
  .createServer((req, res) => {
    res.setHeader("Content-Type", "text/plain");
    res.end(`yarn-berry-workspace: ${greet("api")} (uptime ${ms(Math.round(process.uptime() * 1000))})\n`);
  })
  .listen(port, "0.0.0.0");
