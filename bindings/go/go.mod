module github.com/libsecrets/libsecrets/bindings/go

go 1.19
