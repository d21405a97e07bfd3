// idsvc derives a name-based UUID (deterministic) with a real module
// dependency, so the e2e rebuild proves the module-download layer is reused.
package main

import (
	"fmt"
	"log"
	"net/http"

	"github.com/google/uuid"
)

func main() {
	id := uuid.NewSHA1(uuid.NameSpaceDNS, []byte("dockgen.example"))
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "go-deps %s\n", id)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
