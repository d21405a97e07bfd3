package detect

import (
	"bytes"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dockgen/dockgen/generator/kind"
)

// Port detection is a best effort: the first port declared in the files
// where each kind declares it (its CodeFiles), most specific first (the app's own code and
// config, then process files, then an existing Dockerfile or compose file).

var (
	exposeRe = lazy(`(?im)^\s*EXPOSE\s+(\d{2,5})\b`)
	// composePortRe is a "- host:container" item; the container port counts.
	composePortRe = lazy(`(?m)^\s*-\s*["']?(?:[\d.]+:)?(?:\d{2,5}:)?(\d{2,5})(?:/tcp)?["']?\s*$`)
	portRes       = []*lazyRE{
		// PORT=3000, PORT ?= 8000, PORT: 3000, ${PORT:8080}
		lazy(`\b[A-Z_]*PORT\b["']?\s*(?:\?=|:=|=|:)\s*["']?(\d{2,5})\b`),
		// process.env.PORT || 3000, os.environ.get("PORT", 5006), ${PORT:-5000}, Joi PORT default(3000)
		lazy(`\b[A-Z_]*PORT\b[^\n]{0,80}?(?:\|\||\?\?|,|:-|default\()\s*["']?(\d{2,5})\b`),
		// app.listen(3000)
		lazy(`\blisten\(\s*["']?(\d{2,5})\b`),
		// port=8000, port: 8080, const port = 3000, "port": 3000, server.port=8081
		lazy(`(?i)\bport\b["']?\s*(?::=|[:=])\s*["']?(\d{2,5})\b`),
		// gunicorn -b :5000, --bind 0.0.0.0:8000, uvicorn --port 8000
		lazy(`(?:\s-b|--bind)[=\s]+["']?(?:[\w.-]*|\[[0-9a-fA-F:]*\]):(\d{2,5})\b|--port[=\s]+(\d{2,5})\b`),
		// ":8080", "0.0.0.0:8080" string literals (Go listen addresses)
		lazy(`"(?:0\.0\.0\.0|localhost|127\.0\.0\.1|\[::\])?:(\d{2,5})"`),
	}
	// notAppPorts are databases and brokers an app connects to, not ports it serves.
	notAppPorts = []int{22, 25, 53, 465, 587, 1025, 2525, 1433, 1521, 2181, 3306, 5432, 5672, 6379, 9042, 9092, 9200, 9300, 11211, 15672, 27017}
)

// processFiles declare how a process is started, for every kind.
var processFiles = []string{
	"Procfile", "boot.sh", "entrypoint.sh", "docker-entrypoint.sh", "start.sh", "run.sh", "Makefile",
	".env.example", ".env.sample", ".env.template", ".env.dist",
	"Dockerfile", "src/main/docker/Dockerfile.jvm",
	"docker-compose.yml", "docker-compose.yaml", "compose.yaml", "compose.yml",
}

func findPort(d *dir, p *Project) int {
	k := kind.Lookup(p.Lang)
	if k == nil || k.PortFromTemplate {
		return 0 // nginx serves on the template's port; dev-server ports do not apply
	}
	var files []string
	if k.CodeFiles != nil {
		files = k.CodeFiles(p.Entry, d.list)
	}
	files = append(files, processFiles...)
	seen := map[string]bool{}
	for _, f := range files {
		if seen[f] {
			continue
		}
		seen[f] = true
		data := d.read(f)
		if data == nil {
			continue
		}
		if port, off := scanPort(f, data); port > 0 {
			p.evidence(d.path(f), lineAt(data, off), "port %d", port)
			return port
		}
	}
	return 0
}

// scanPort returns the first application port declared in data and its
// offset, or 0.
func scanPort(name string, data []byte) (int, int) {
	base := path.Base(name)
	var res []*lazyRE
	switch {
	case strings.HasPrefix(base, "Dockerfile"):
		res = []*lazyRE{exposeRe}
	case strings.Contains(base, "compose"):
		res = []*lazyRE{composePortRe}
		if items, ok := composeAppPorts(data); ok {
			return composePort(data, items)
		}
	default:
		res = portRes
	}
	best, bestOff := 0, len(data)
	for _, re := range res {
		for _, m := range re.FindAllSubmatchIndex(data, -1) {
			if m[0] >= bestOff {
				break
			}
			for g := 2; g+1 < len(m); g += 2 {
				if m[g] < 0 {
					continue
				}
				n, err := strconv.Atoi(string(data[m[g]:m[g+1]]))
				if err == nil && n > 0 && n <= 65535 && !slices.Contains(notAppPorts, n) {
					best, bestOff = n, m[0]
				}
				break
			}
			if best > 0 && bestOff == m[0] {
				break
			}
		}
	}
	return best, bestOff
}

// lineAt is the 1-based line of byte offset off.
func lineAt(data []byte, off int) int {
	return strings.Count(string(data[:min(off, len(data))]), "\n") + 1
}

func hasExt(name string, exts ...string) bool {
	return slices.Contains(exts, path.Ext(name))
}

// composePort is the first application port among compose port items
// ("8080:3000", "3000", 3000): the container side counts.
func composePort(data []byte, items []string) (int, int) {
	for _, it := range items {
		m := composePortRe.FindStringSubmatch("- " + it)
		if m == nil {
			continue
		}
		n, err := strconv.Atoi(m[1])
		if err != nil || n <= 0 || n > 65535 || slices.Contains(notAppPorts, n) {
			continue
		}
		return n, max(0, bytes.Index(data, []byte(it)))
	}
	return 0, len(data)
}
