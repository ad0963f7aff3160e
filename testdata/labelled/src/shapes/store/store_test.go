package store_test

import (
	"strconv"
	"testing"

	"example.com/labelled/shapes"
	"example.com/labelled/shapes/store"
)

var (
	sinkShape shapes.Shape
	sinkInt   int
	sinkStr   string
	sinkAny   any
	kind      = 1 // only the *Rect case of NewShape is hot
)

// inner repeats the cheap benchmarks' bodies so that every benchmark allocates a comparable amount.
const inner = 200

var words = func() []string {
	w := make([]string, 512)
	for i := range w {
		w[i] = "w" + strconv.Itoa(i)
	}
	return w
}()

func BenchmarkNewShape(b *testing.B) {
	for i := 0; i < b.N; i++ {
		for j := 0; j < inner; j++ {
			sinkShape = shapes.NewShape(kind, float64(j))
		}
	}
}

func BenchmarkWrap(b *testing.B) {
	f := shapes.Adder(3)
	for i := 0; i < b.N; i++ {
		for j := 0; j < inner; j++ {
			bf := shapes.Wrap(f, "func")
			bs := shapes.Wrap[shapes.Shape](sinkShape, "iface")
			sinkAny, sinkAny = bf, bs
		}
	}
}

func BenchmarkApply(b *testing.B) {
	xs := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}
	for i := 0; i < b.N; i++ {
		for j := 0; j < inner/8; j++ {
			out := shapes.Apply(xs, shapes.Adder(j))
			sinkInt += out[3]
		}
	}
}

func BenchmarkCounter(b *testing.B) {
	for i := 0; i < b.N; i++ {
		for j := 0; j < inner; j++ {
			c := shapes.Counter(j)
			sinkInt += c() + c()
			sinkAny = c
		}
	}
}

func BenchmarkRemember(b *testing.B) {
	for i := 0; i < b.N; i++ {
		for j := 0; j < inner; j++ {
			sinkInt += int(shapes.Remember(float64(j)))
		}
	}
}

func BenchmarkIndex(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkInt += len(store.Index(words[:200]))
	}
}

func BenchmarkConcat(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkStr = store.Concat(words[:40])
	}
}

func BenchmarkBuild(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkStr = store.Build(words)
	}
}

func BenchmarkNames(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkInt += len(store.Names(100))
	}
}

func BenchmarkSumSquares(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkInt += store.SumSquares(1000 + i%7)
	}
}

func BenchmarkHistogram(b *testing.B) {
	data := []byte("the quick brown fox jumps over the lazy dog")
	for i := 0; i < b.N; i++ {
		if i%32 == 0 { // 160 KB a call: keep it from drowning the other lines
			sinkInt += store.Histogram(data)
		}
	}
}

func BenchmarkBox(b *testing.B) {
	for i := 0; i < b.N; i++ {
		for j := 0; j < inner; j++ {
			store.Box(j, j+1)
		}
	}
}

func BenchmarkRegistry(b *testing.B) {
	for i := 0; i < b.N; i++ {
		var r store.Registry
		for j := 0; j < 100; j++ {
			r.Add(j)
			r.AddShape(kind, float64(j))
		}
		sinkAny = &r
	}
}
