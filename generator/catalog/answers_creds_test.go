package catalog

import (
	"context"
	"strings"
	"testing"
)

// TestAnswersCatalogWithCredentialsIsRefused: .dockgen.yaml is committed,
// so a catalog URL with credentials in it is refused, and the error does
// not repeat the secret.
func TestAnswersCatalogWithCredentialsIsRefused(t *testing.T) {
	_, err := Load(context.Background(), Refs{Dir: t.TempDir(), Answers: "git+https://user:s3cret@127.0.0.1:9/team/c.git#v1"})
	if err == nil || !strings.Contains(err.Error(), "holds credentials") || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("got %v; want a refusal that names no secret", err)
	}
}
