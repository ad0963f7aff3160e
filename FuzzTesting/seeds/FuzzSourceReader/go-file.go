package p

import "fmt"

func f() {
	fmt.Println("x")
}
// no newline at the end