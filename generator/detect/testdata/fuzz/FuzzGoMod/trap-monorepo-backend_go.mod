go test fuzz v1
[]byte("module example.com/shop/backend\n\ngo 1.23\n")
