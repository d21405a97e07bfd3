package kind

import "testing"

// Declared Node versions and ranges resolve to one concrete major: never
// the range itself, the LTS line within it up to the default, and no newer
// than the project's old toolchain allows.
func TestResolveNodeMajor(t *testing.T) {
	cases := []struct {
		declared string
		limit    int
		want     int
	}{
		{"", 0, 24},
		{"lts/*", 0, 24},
		{"lts/hydrogen", 0, 18},
		{"v16.18.0", 0, 16},
		{"18.16.1", 0, 18},
		{">=12.0.0", 0, 24},
		{">= 7.6.0", 0, 24},
		{"^20.11", 0, 20},
		{"~18.17.0", 0, 18},
		{"17", 0, 17},
		{">=18 <21", 0, 20},
		{">=25.0.0", 0, 25},
		{"^24.4.0", 0, 24},
		{">=20.12 <21 || 22 || 24 <24.17.0 || 26 <26.3.1", 0, 24},
		{">=20.19.0 <21 || >=22.12.0 <23 || >=24.0.0 <25", 0, 24},
		{"20.x || 22.x", 0, 22},
		{"18 - 20", 0, 20},
		{">20", 0, 24},
		{"<24", 0, 22},
		{"garbage!", 0, 24},
		// a toolchain limit: node-sass 4 (Node 14), webpack 4 (Node 16)
		{"", 14, 14},
		{">= 7.6.0", 14, 14},
		{">=12", 16, 16},
		{"^18", 16, 18}, // the declared major wins over the limit; the warning says why it may fail
	}
	for _, c := range cases {
		if got := resolveNodeMajor(c.declared, 24, c.limit); got != c.want {
			t.Errorf("resolveNodeMajor(%q, limit %d) = %d, want %d", c.declared, c.limit, got, c.want)
		}
	}
}
