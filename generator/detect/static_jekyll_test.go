package detect_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
)

// A Jekyll site without a Gemfile is built with what its _config.yml
// needs; with a Gemfile, a plugin only _config.yml names is reported.
func TestJekyllConfigNeeds(t *testing.T) {
	for _, c := range []struct {
		name        string
		files       map[string]string
		packages    []string
		plugins     []string
		highlighter string
		warn        string
	}{
		{"redcarpet, pygments, paginate", map[string]string{"_config.yml": "markdown: redcarpet\nhighlighter: pygments\npaginate: 5\nplugins:\n  - jekyll-feed\n", "_posts/a.md": "x\n"},
			[]string{"jekyll:3.10.0", "jekyll-feed", "redcarpet", "jekyll-paginate"}, []string{"jekyll-feed", "jekyll-paginate"}, "rouge", ""},
		{"Jekyll 2's gems key", map[string]string{"_config.yml": "paginate: 5\ngems:\n  - jekyll-sitemap\n", "_posts/a.md": "x\n"},
			[]string{"jekyll", "jekyll-sitemap", "jekyll-paginate"}, []string{"jekyll-sitemap", "jekyll-paginate"}, "", ""},
		{"a current site", map[string]string{"_config.yml": "markdown: kramdown\nplugins:\n  - jekyll-paginate\npaginate: 5\n", "_posts/a.md": "x\n"},
			[]string{"jekyll", "jekyll-paginate"}, nil, "", ""},
		{"jekyll-paginate-v2", map[string]string{"_config.yml": "paginate: 5\npagination:\n  enabled: true\n", "_layouts/x.html": "x\n"},
			[]string{"jekyll"}, nil, "", ""},
		{"plugin missing from the Gemfile", map[string]string{"_config.yml": "plugins:\n  - jekyll-feed\n  - jekyll-seo-tag\n", "Gemfile": "source \"https://rubygems.org\"\ngem \"jekyll\", \"~> 4.3\"\ngem \"jekyll-feed\"\n"},
			nil, nil, "", "jekyll-seo-tag"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := detect.Dir(writeTree(t, c.files))
			if err != nil || res.Chosen < 0 {
				t.Fatalf("%v %+v", err, res)
			}
			s := res.Projects[res.Chosen].Static
			if s.JekyllGemsKey != (c.name == "Jekyll 2's gems key") {
				t.Errorf("gems key %v", s.JekyllGemsKey)
			}
			if !slices.Equal(s.Packages, c.packages) || !slices.Equal(s.JekyllPlugins, c.plugins) || s.JekyllHighlighter != c.highlighter {
				t.Errorf("packages %q plugins %q highlighter %q, want %q %q %q", s.Packages, s.JekyllPlugins, s.JekyllHighlighter, c.packages, c.plugins, c.highlighter)
			}
			warned := false
			for _, w := range res.Warnings {
				warned = warned || c.warn != "" && strings.Contains(w.Msg, c.warn)
			}
			if warned != (c.warn != "") {
				t.Errorf("warnings %+v, want one naming %q", res.Warnings, c.warn)
			}
		})
	}
}
