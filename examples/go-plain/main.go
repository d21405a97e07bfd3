// greeter answers every request with a fixed line: dockgen's e2e example for
// a Go module without dependencies.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "hello from go-plain")
	})
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
