go test fuzz v1
[]byte("module example.com/worker\n\ngo 1.23\n")
