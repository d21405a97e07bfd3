package kind

import "testing"

func TestMajorInRange(t *testing.T) {
	for _, c := range []struct {
		rng       string
		major     int
		in, parse bool
	}{
		{"^15.0.0 || ^16.0.0-beta || ^16.0.0", 18, false, true},
		{"^15.0.0 || ^16.0.0-beta || ^16.0.0", 16, true, true},
		{">=16.8.0", 18, true, true},
		{"16 - 18", 19, false, true},
		{"*", 3, true, true},
		{"github:user/repo", 1, false, false},
	} {
		if in, ok := MajorInRange(c.rng, c.major); in != c.in || ok != c.parse {
			t.Errorf("MajorInRange(%q, %d) = %v, %v; want %v, %v", c.rng, c.major, in, ok, c.in, c.parse)
		}
	}
}
