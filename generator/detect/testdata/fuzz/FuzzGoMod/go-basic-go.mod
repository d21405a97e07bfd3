go test fuzz v1
[]byte("module github.com/acme/orders\n\ngo 1.22.5\n\ntoolchain go1.22.6\n\nrequire github.com/google/uuid v1.6.0\n")
