go test fuzz v1
[]byte("module example.com/api\n\ngo 1.23\n")
