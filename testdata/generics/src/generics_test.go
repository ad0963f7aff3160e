package generics

import "testing"

var sink int

func BenchmarkShapes(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = Shapes(16)
	}
}
