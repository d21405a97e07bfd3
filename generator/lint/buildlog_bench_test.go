package lint

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkExplainLog reads a 16 MiB build log of ordinary lines with one
// failure at the end (issue 17 #14: about 1.3 MB/s before).
func BenchmarkExplainLog(b *testing.B) {
	var log bytes.Buffer
	for i := 0; log.Len() < 16<<20; i++ {
		fmt.Fprintf(&log, "#%d %d.%03d Step %d: downloading github.com/example/module%d v1.%d.0 from the proxy, 1024 bytes\n", i%40, i/1000, i%1000, i, i, i%17)
	}
	log.WriteString("#12 ERROR: npm error code ETIMEDOUT\n")
	data := log.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		ex, err := ExplainLog(bytes.NewReader(data))
		if err != nil || len(ex) != 1 {
			b.Fatal(ex, err)
		}
	}
}
