package lint

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"testing"
)

// TestEveryRuleVariableIsListed: a rule declared as a variable but left out
// of Rules would have no README line and no SARIF metadata.
func TestEveryRuleVariableIsListed(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "rules.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var declared []string
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Values) != 1 {
			return true
		}
		if cl, ok := vs.Values[0].(*ast.CompositeLit); ok {
			if id, ok := cl.Type.(*ast.Ident); ok && id.Name == "Rule" {
				declared = append(declared, cl.Elts[0].(*ast.BasicLit).Value)
			}
		}
		return true
	})
	if len(declared) != len(Rules) {
		t.Errorf("%d rules declared, %d in Rules", len(declared), len(Rules))
	}
	for i, r := range Rules {
		if i > 0 && Rules[i-1].ID >= r.ID {
			t.Errorf("Rules not in ID order at %s", r.ID)
		}
		if !slices.Contains(declared, `"`+r.ID+`"`) {
			t.Errorf("%s listed but not declared", r.ID)
		}
	}
}

func TestRuleByIDKnowsNoUnknownRule(t *testing.T) {
	if _, ok := RuleByID("DG999"); ok {
		t.Error("DG999 found")
	}
	if r, ok := RuleByID("DG302"); !ok || r != SecretInArgEnv {
		t.Errorf("DG302: %+v %v", r, ok)
	}
	if err := CheckRuleIDs([]string{"DG301", "JSONArgsRecommended", "BuildError"}); err != nil {
		t.Error(err)
	}
	if err := CheckRuleIDs([]string{"DG3O1"}); err == nil {
		t.Error("a misspelt rule ID was accepted")
	}
}

func TestThreshold(t *testing.T) {
	fs := []Finding{{Severity: SevError}, {Severity: SevWarning}, {Severity: SevInfo}, {Severity: SevInfo}}
	for level, want := range map[string]int{"error": 1, "warning": 2, "info": 4, "none": 0} {
		th, err := ParseThreshold(level)
		if err != nil {
			t.Fatal(err)
		}
		if got := th.Failing(fs); got != want {
			t.Errorf("--error-on %s: %d failing, want %d", level, got, want)
		}
	}
	if _, err := ParseThreshold("warn"); err == nil {
		t.Error("warn accepted")
	}
}
