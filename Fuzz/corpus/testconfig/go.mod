module example.com/service

go 1.22

require (
	github.com/x/y v1.0.0
)
