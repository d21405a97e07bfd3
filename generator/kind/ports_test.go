package kind

import (
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/plan"
)

// One rule for every kind: a privileged port dockgen sets becomes 8080, one
// the app hard-codes is kept with what the platform must allow.
func TestPrivilegedPortOneRule(t *testing.T) {
	node := func(port int, portEnv bool) *plan.Plan {
		p := &plan.Plan{Lang: "node", Tool: "npm", Port: port}
		p.Node.PortEnv = portEnv
		Node.Entry(p, "server.js", true)
		return p
	}
	if p := node(80, true); p.Port != 8080 || !strings.Contains(p.PortNote, "port 80 mapped to 8080") {
		t.Errorf("node reading PORT: port %d, note %q", p.Port, p.PortNote)
	}
	if p := node(80, false); p.Port != 80 || !strings.Contains(p.PortNote, "NET_BIND_SERVICE") {
		t.Errorf("node hard-coding 80: port %d, note %q", p.Port, p.PortNote)
	}
	if p := node(3000, true); p.Port != 3000 || p.PortNote != "" {
		t.Errorf("node on 3000: port %d, note %q", p.Port, p.PortNote)
	}
	// A kept privileged port passes the plan's checks for Node and Go.
	for _, k := range []*Kind{Node, Go} {
		p := &plan.Plan{Port: 80, Name: "app"}
		if err := p.Validate(k.LowPorts); err != nil {
			t.Errorf("%s: port 80 refused: %v", k.Name, err)
		}
	}
	g := &plan.Plan{Lang: "go", Port: 80}
	Go.Entry(g, ".", false)
	if g.Port != 80 || !strings.Contains(g.Go.PortNote, "ip_unprivileged_port_start") {
		t.Errorf("go hard-coding :80: port %d, note %q", g.Port, g.Go.PortNote)
	}
	g = &plan.Plan{Lang: "go", Port: 80}
	g.Go.ReadsPort = true
	Go.Entry(g, ".", false)
	if g.Port != 8080 || !strings.Contains(g.Go.PortNote, "mapped to 8080") {
		t.Errorf("go reading PORT: port %d, note %q", g.Port, g.Go.PortNote)
	}
	py := &plan.Plan{Lang: "python", Port: 80}
	Python.Entry(py, "app:app", false)
	if py.Port != 8080 || py.Python.PrivilegedPort != 80 {
		t.Errorf("python: port %d (asked %d)", py.Port, py.Python.PrivilegedPort)
	}
}

// No kind refuses a privileged port: each moves it or keeps it, and says so.
func TestPrivilegedPortNoRefusal(t *testing.T) {
	for _, k := range All() {
		p := &plan.Plan{Lang: k.Name, Tool: k.Tools[0], Port: 80, Name: "app"}
		k.Entry(p, k.SampleEntry, false)
		if err := p.Validate(k.LowPorts); err != nil {
			t.Errorf("%s: port 80 refused: %v", k.Name, err)
		}
		switch {
		case p.Port == 80 && !strings.Contains(p.PortNote, "NET_BIND_SERVICE"),
			p.Port == UnprivilegedPort && !strings.Contains(p.PortNote, "mapped to 8080"),
			p.Port != 80 && p.Port != UnprivilegedPort:
			t.Errorf("%s: port %d, note %q", k.Name, p.Port, p.PortNote)
		}
	}
}
