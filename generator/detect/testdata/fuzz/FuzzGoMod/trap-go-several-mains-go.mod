go test fuzz v1
[]byte("module example.com/acme/tool/v2\n\ngo 1.22.5\n\ntoolchain go1.22.6\n")
