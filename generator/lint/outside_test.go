package lint

import "testing"

// yapi: require('../../config.json') from server/ resolves to /config.json
// when the app is in /app; a COPY there (or a volume) provides it.
func TestRuntimeFileOutside(t *testing.T) {
	ctx := map[string]string{
		"package.json":   `{"name":"a","main":"server/app.js","scripts":{"start":"node server/app.js"},"dependencies":{"koa":"^2.0.0"}}`,
		"server/app.js":  "const yapi = require('./yapi');\nconst Koa = require('koa');\nnew Koa().listen(3000);\n",
		"server/yapi.js": "const config = require('../../config.json');\nmodule.exports = config;\n",
		"config.json":    "{}\n",
	}
	img := "FROM node:22-slim\nWORKDIR /app\nCOPY . .\n"
	runTwins(t, []twin{
		{name: "nothing at /config.json", rule: "DG842", line: 5,
			fires: img + "USER 1000:1000\n" + `CMD ["node", "server/app.js"]` + "\n", ctxFire: ctx,
			quiet: img + "COPY config.json /config.json\nUSER 1000:1000\n" + `CMD ["node", "server/app.js"]` + "\n"},
		{name: "a deeper app folder keeps it inside", rule: "DG842", line: 5,
			fires: img + "USER 1000:1000\n" + `CMD ["node", "server/app.js"]` + "\n", ctxFire: ctx,
			quiet: "FROM node:22-slim\nWORKDIR /srv/vendors\nCOPY . .\nVOLUME /srv\nUSER 1000:1000\n" + `CMD ["node", "server/app.js"]` + "\n"},
	})
}
