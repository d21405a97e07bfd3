package plan

import "testing"

func TestImageVersion(t *testing.T) {
	tests := []struct{ lang, declared, want string }{
		{LangGo, "1.22.5", "1.22"},
		{LangGo, "1.21", "1.21"},
		{LangGo, "", "1.27"},
		{LangNode, ">=12.0.0", "24"},
		{LangNode, ">=26", "26"},
		{LangNode, "^18.17.0", "18"},
		{LangNode, "20.x", "20"},
		{LangNode, "v22.3.0", "22"},
		{LangNode, ">=18 <21", "20"},
		{LangNode, "^16 || ^18", "18"},
		{LangNode, "lts/*", "24"},
		{LangPython, "3.11.4", "3.11"},
		{LangPython, ">=3.11", "3.13"},
		{LangPython, "^3.10", "3.13"},
		{LangPython, ">=3.9,<3.12", "3.11"},
		{LangPython, "==3.10.*", "3.10"},
		{LangPython, ">=3.14", "3.14"},
		{LangJava, "17", "17"},
		{LangJava, "1.8", "8"},
		{LangJava, "19", "21"},
		{LangJava, "", "21"},
		{"bun", "1.1.34", "1.1"},
	}
	for _, tt := range tests {
		if got := ImageVersion(tt.lang, tt.declared); got != tt.want {
			t.Errorf("ImageVersion(%s, %q) = %q, want %q", tt.lang, tt.declared, got, tt.want)
		}
	}
}

func TestParseLangAliases(t *testing.T) {
	for alias, want := range map[string]string{"golang": "go", "nodejs": "node", "js": "node", "ts": "node", "flask": "python",
		"py": "python", "spring": "java", "maven": "java", "gradle": "java", "nginx": "static", "html": "static"} {
		if got, _, err := ParseLang(alias); err != nil || got != want {
			t.Errorf("%s: got %q %v, want %q", alias, got, err, want)
		}
	}
	if _, tool, _ := ParseLang("gradle"); tool != "gradle" {
		t.Errorf("gradle alias should imply the gradle tool, got %q", tool)
	}
}
