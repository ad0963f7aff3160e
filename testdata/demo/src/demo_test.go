package demo

import "testing"

var sink interface{}

func BenchmarkBuild(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = BuildPoints(100)
	}
}

func BenchmarkFormat(b *testing.B) {
	pts := BuildPoints(20)
	for i := 0; i < b.N; i++ {
		sink = Format(pts)
	}
}

func BenchmarkRec(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = Rec(5)
	}
}
