package demo

import (
	"context"
	"testing"
)

var spinSink uint64

func BenchmarkLabeled(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		spinSink += Labeled(ctx, "a", 200000)
		spinSink += Labeled(ctx, "b", 100000)
	}
}
