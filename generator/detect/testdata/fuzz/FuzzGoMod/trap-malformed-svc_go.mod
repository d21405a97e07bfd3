go test fuzz v1
[]byte("module example.com/svc\n\ngo 1.22\nrequire (\n")
