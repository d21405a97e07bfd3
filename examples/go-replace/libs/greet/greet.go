// Package greet is a module of the same repository, used through a
// directory replace: the build context must hold it.
package greet

// Hello greets who.
func Hello(who string) string { return "hello " + who + " from libs/greet" }
