// The postinstall step: vendors a library file from the UI's sources into
// public/, which the build then ships (a stand-in for workbox copyLibraries).
import { copyFileSync, mkdirSync } from 'node:fs'

mkdirSync('public', { recursive: true })
copyFileSync('src/vendor-lib.js', 'public/vendor-lib.js')
console.log('vendored public/vendor-lib.js')
