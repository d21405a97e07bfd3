package generator_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/answers"
	"github.com/dockgen/dockgen/generator/testkit"
)

// The steps compose: one Load and one Detect serve several plans, as in the
// wizard, each rendered with the catalog Load found.
func TestLoadOncePlanTwice(t *testing.T) {
	ctx := context.Background()
	dir := testkit.Fixture(t, "go-basic")
	team := overrideCatalog(t, "team-marker")
	req := generator.Request{Dir: dir, Catalogs: []string{team}}
	l, err := generator.Load(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	c, err := l.Choose(req)
	if err != nil {
		t.Fatal(err)
	}
	d, err := generator.Detect(l.Dir, c)
	if err != nil {
		t.Fatal(err)
	}
	for _, port := range []int{8080, 9090} {
		req.Port = port
		c, err := l.Choose(req)
		if err != nil {
			t.Fatal(err)
		}
		pl, err := generator.Plan(l, c, d)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Plan.Port != port {
			t.Errorf("port %d planned as %d", port, pl.Plan.Port)
		}
		r, err := generator.Render(l, pl)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(r.Files[0].Content), "team-marker") {
			t.Errorf("the team template loaded before was not used:\n%s", r.Files[0].Content)
		}
	}
}

// Choose is the one merge of the caller's choices over the answers file's.
func TestChoosePrecedence(t *testing.T) {
	ctx := context.Background()
	dir := testkit.Fixture(t, "go-basic")
	a := answers.Answers{Version: 1, Lang: "go", Template: "go", Region: "cn", CI: "gitlab", Port: 9000,
		Entry: "./cmd/orders", Variables: map[string]string{"ldflags": "-s", "build_packages": "git"}}
	data, err := a.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/"+answers.FileName, data, 0o644); err != nil {
		t.Fatal(err)
	}
	req := generator.Request{Dir: dir, Port: 7000, Set: map[string]string{"ldflags": "-w"}}
	l, err := generator.Load(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	c, err := l.Choose(req)
	if err != nil {
		t.Fatal(err)
	}
	if c.Lang != "go" || c.Region != "cn" || c.CI != "gitlab" || c.Entry != "./cmd/orders" {
		t.Errorf("answers file not applied: %+v", c)
	}
	if c.Port != 7000 || c.Set["ldflags"] != "-w" || c.Set["build_packages"] != "git" {
		t.Errorf("the caller's choices must win, per value: %+v", c)
	}

	// Answers written for another kind do not apply at all.
	req = generator.Request{Dir: dir, Lang: "flask"}
	if l, err = generator.Load(ctx, req); err != nil {
		t.Fatal(err)
	}
	if c, err = l.Choose(req); err != nil {
		t.Fatal(err)
	}
	if c.Lang != "python" || c.Region != "" || c.Port != 0 || l.Saved != nil {
		t.Errorf("answers for go applied to python: %+v", c)
	}
}
