package detect_test

import (
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/testkit"
)

// Every kind in the registry has a detector, and it recognises the kind's
// sample fixture both on its own (--lang) and in a walk.
func TestEveryKindIsDetected(t *testing.T) {
	for _, k := range kind.All() {
		t.Run(k.Name, func(t *testing.T) {
			dir := testkit.Fixture(t, k.Sample)
			p, _, err := detect.DetectLang(dir, k.Name)
			if err != nil {
				t.Fatal(err)
			}
			if p == nil || p.Lang != k.Name {
				t.Fatalf("DetectLang(%s) = %+v: register the kind's detector in detect.detectors", k.Name, p)
			}
			res, err := detect.Dir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if res.Chosen < 0 || res.Projects[res.Chosen].Lang != k.Name {
				t.Fatalf("the walk did not choose a %s project: %+v", k.Name, res)
			}
		})
	}
}
