package demo

import (
	"context"
	"runtime/pprof"
)

// Spin is CPU-heavy and does not allocate.
func Spin(n int) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < n; i++ {
		h ^= uint64(i)
		h *= 1099511628211
	}
	return h
}

// Labeled runs Spin under the pprof label worker=<worker>.
func Labeled(ctx context.Context, worker string, n int) uint64 {
	var r uint64
	pprof.Do(ctx, pprof.Labels("worker", worker), func(context.Context) {
		r = Spin(n)
	})
	return r
}
