package kind

import "testing"

func TestImageVersion(t *testing.T) {
	tests := []struct {
		v              Version
		declared, want string
	}{
		{Go.Version, "1.22.5", "1.22"},
		{Go.Version, "1.21", "1.21"},
		{Go.Version, "", "1.27"},
		{Node.Version, ">=12.0.0", "24"},
		{Node.Version, ">=26", "26"},
		{Node.Version, "^18.17.0", "18"},
		{Node.Version, "20.x", "20"},
		{Node.Version, "v22.3.0", "22"},
		{Node.Version, ">=18 <21", "20"},
		{Node.Version, "^16 || ^18", "18"},
		{Node.Version, "lts/*", "24"},
		{Python.Version, "3.11.4", "3.11"},
		{Python.Version, ">=3.11", "3.13"},
		{Python.Version, "^3.10", "3.13"},
		{Python.Version, ">=3.9,<3.12", "3.11"},
		{Python.Version, "==3.10.*", "3.10"},
		{Python.Version, ">=3.14", "3.14"},
		{Java.Version, "17", "17"},
		{Java.Version, "1.8", "8"},
		{Java.Version, "19", "21"},
		{Java.Version, "", "21"},
		{Java.Version, "26", "26"}, // newer than the newest LTS: as declared, never the default
		{Java.Version, "1.7", "8"},
		{bunVersion, "1.1.34", "1.1"},
	}
	for _, tt := range tests {
		if got := tt.v.Image(tt.declared); got != tt.want {
			t.Errorf("Image(%q) with default %s = %q, want %q", tt.declared, tt.v.Default, got, tt.want)
		}
	}
}

func TestParseLangAliases(t *testing.T) {
	for alias, want := range map[string]string{"golang": "go", "nodejs": "node", "js": "node", "ts": "node", "flask": "python",
		"py": "python", "spring": "java", "maven": "java", "gradle": "java", "nginx": "static", "html": "static"} {
		if got, _, err := Parse(alias); err != nil || got.Name != want {
			t.Errorf("%s: got %v %v, want %q", alias, got, err, want)
		}
	}
	if _, tool, _ := Parse("gradle"); tool != "gradle" {
		t.Errorf("gradle alias should imply the gradle tool, got %q", tool)
	}
}
