// notesd counts visits in a file under its data folder: dockgen's e2e
// example for a Go repo with two mains, a listen flag that defaults to
// loopback and a data folder relative to the working directory, written by
// the image's non-root user.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

func main() {
	addr := flag.String("addr", "localhost:8080", "listen address")
	data := flag.String("data", "./data", "folder for the visit log")
	flag.Parse()
	var mu sync.Mutex
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if err := os.MkdirAll(*data, 0o755); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		file := filepath.Join(*data, "visits.log")
		f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintln(f, "visit")
		f.Close()
		b, err := os.ReadFile(file)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "hello from go-notes, visits: %d\n", strings.Count(string(b), "visit\n"))
	})
	log.Fatal(http.ListenAndServe(*addr, nil))
}
