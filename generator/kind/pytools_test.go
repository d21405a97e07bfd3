package kind

import "testing"

func TestPyToolMinPython(t *testing.T) {
	for _, c := range []struct {
		name, version string
		want          int
	}{
		{"pipenv", "2023.10", 7}, {"pipenv", "2022.1.8", 0}, {"Poetry", "2", 9}, {"poetry", "1.8.3", 8},
		{"poetry", "1.1", 0}, {"uv", "0", 8}, {"black", "24.1", 0},
	} {
		if got := PyToolMinPython(c.name, c.version); got != c.want {
			t.Errorf("PyToolMinPython(%q, %q) = %d, want %d", c.name, c.version, got, c.want)
		}
	}
	if !PyOptionalExtension("MarkupSafe") || PyOptionalExtension("greenlet") {
		t.Error("markupsafe's speedups are optional, greenlet's extension is not")
	}
}
