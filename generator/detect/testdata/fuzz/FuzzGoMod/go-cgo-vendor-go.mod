go test fuzz v1
[]byte("module example.com/ledger\n\ngo 1.21\n\nrequire github.com/mattn/go-sqlite3 v1.14.22\n")
