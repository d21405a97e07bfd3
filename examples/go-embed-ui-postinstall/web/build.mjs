// A dependency-free stand-in for a bundler: copies src/app.js to a
// content-hashed asset and writes index.html referencing it into --outDir.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const i = process.argv.indexOf('--outDir')
const out = i > 0 ? process.argv[i + 1] : 'dist'
const js = readFileSync('src/app.js')
// public/vendor-lib.js is written by the postinstall script: the build fails without it.
const vendor = readFileSync('public/vendor-lib.js', 'utf8').match(/'([^']+)'/)[1]
const name = `app-${createHash('sha256').update(js).digest('hex').slice(0, 10)}.js`
mkdirSync(join(out, 'assets'), { recursive: true })
writeFileSync(join(out, 'assets', name), js)
writeFileSync(join(out, 'index.html'), `<!doctype html>
<title>board</title>
<h1>hello from go-embed-ui</h1>
<p>${vendor}</p>
<p id="status">not run</p>
<script type="module" src="/assets/${name}"></script>
`)
console.log(`wrote ${out}/index.html and ${out}/assets/${name}`)
