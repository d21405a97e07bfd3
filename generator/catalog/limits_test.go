package catalog

import (
	"errors"
	"strings"
	"testing"
)

// TestRenderIsBounded: templates that would loop for ever, or build values
// or output without bound, stop with an error naming the template file
// instead of hanging or exhausting memory.
func TestRenderIsBounded(t *testing.T) {
	for name, body := range map[string]string{
		"range over a huge int":  `{{ range 100000000000 }}{{ end }}`,
		"nested ranges":          `{{ range until 10000 }}{{ range until 10000 }}{{ end }}{{ end }}`,
		"repeat":                 `{{ repeat 2000000000 "x" }}`,
		"until":                  `{{ range until 1000000000 }}{{ end }}`,
		"untilStep":              `{{ range untilStep 0 1000000000 1 }}{{ end }}`,
		"seq":                    `{{ seq 1 1000000000 }}`,
		"indent":                 `{{ indent 1000000000 "x" }}`,
		"exponential concat":     `{{ $x := list 1 }}{{ range until 40 }}{{ $x = concat $x $x }}{{ end }}`,
		"exponential printf":     `{{ $s := "xx" }}{{ range until 40 }}{{ $s = printf "%s%s" $s $s }}{{ end }}`,
		"exponential recursion":  `{{ define "a" }}{{ if lt . 40 }}{{ template "a" (add . 1) }}{{ template "a" (add . 1) }}{{ end }}{{ end }}{{ template "a" 0 }}`,
		"replace of the empty":   `{{ replace "" (repeat 100000 "y") (repeat 100000 "x") }}`,
		"join of shared strings": `{{ $s := repeat 500000 "x" }}{{ $l := list }}{{ range until 5000 }}{{ $l = append $l $s }}{{ end }}{{ join "" $l }}`,
		"output size":            `{{ range until 5000 }}{{ repeat 1000 "x" }}{{ end }}`,
		"a value holding itself": `{{ $d := dict }}{{ $_ := set $d "a" $d }}{{ $d }}`,
	} {
		t.Run(name, func(t *testing.T) {
			c := catalog(t, map[string]string{"t/template.yaml": meta, "t/Dockerfile.tmpl": "FROM x\n" + body + "\n"})
			tm, _ := c.Get("t")
			_, err := c.Render(tm, map[string]any{})
			var le *LimitError
			if !errors.As(err, &le) || !strings.Contains(err.Error(), "t/Dockerfile.tmpl") {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

// TestRenderLimitsLeaveRealTemplatesAlone: ordinary use of the bounded
// functions still works.
func TestRenderLimitsLeaveRealTemplatesAlone(t *testing.T) {
	c := catalog(t, map[string]string{"t/template.yaml": meta, "t/Dockerfile.tmpl": `FROM x
{{ range $i := until 3 }}RUN echo {{ $i }} {{ repeat 2 "ab" }}
{{ end }}{{ indent 2 "a\nb" }}
{{ join "," (concat (list "a") (list "b")) }} {{ replace "a" "bb" "banana" }} {{ printf "%d-%s" 7 "x" }} {{ seq 3 }}
{{ $d := dict "k" "v" }}{{ $_ := set $d "n" 1 }}{{ get $d "k" }}
`})
	tm, _ := c.Get("t")
	out, err := c.Render(tm, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	want := "FROM x\nRUN echo 0 abab\nRUN echo 1 abab\nRUN echo 2 abab\n  a\n  b\na,b bbbnbbnbb 7-x 1 2 3\nv\n"
	if string(out[0].Content) != want {
		t.Errorf("got\n%s\nwant\n%s", out[0].Content, want)
	}
}
