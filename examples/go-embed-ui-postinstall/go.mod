module example.com/boardvendor

go 1.22
