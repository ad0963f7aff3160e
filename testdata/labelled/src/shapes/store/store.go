// Package store is the second package of the labelled-corpus module: map growth, string building,
// append growth, a non-escaping make of non-constant size, a variable too large for the stack,
// interface conversion of a non-pointer value, and addresses stored in a struct.
package store

import (
	"strconv"
	"strings"

	"example.com/labelled/shapes"
)

// Index inserts every word into a map that starts empty, so it grows while the loop runs.
func Index(words []string) map[string]int {
	m := make(map[string]int)
	for i, w := range words {
		m[w] = i
	}
	return m
}

// Concat builds a string with += in a loop.
func Concat(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p + ","
	}
	return s
}

// Build builds the same string with a strings.Builder.
func Build(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p)
		b.WriteByte(',')
	}
	return b.String()
}

// Names appends to a nil slice, growing it again and again.
func Names(n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, "n"+strconv.Itoa(i))
	}
	return out
}

// SumSquares makes a scratch slice of non-constant size that does not escape; when it is larger than the
// compiler's small stack buffer it is allocated on the heap anyway (runtime.makeslice).
func SumSquares(n int) int {
	buf := make([]int, n)
	for i := range buf {
		buf[i] = i * i
	}
	s := 0
	for _, v := range buf {
		s += v
	}
	return s
}

// Histogram uses a local array larger than the stack limit of newer toolchains (128 KiB).
func Histogram(data []byte) int {
	var counts [40000]uint32
	for i, c := range data {
		counts[(int(c)*131+i)%len(counts)]++
	}
	max := 0
	for _, c := range counts {
		if int(c) > max {
			max = int(c)
		}
	}
	return max
}

// Point is a small value type converted to an interface by Box.
type Point struct{ X, Y int }

// Sink receives interface values so that conversions cannot be optimised away.
var Sink any

// Box converts a non-pointer value to an interface.
func Box(x, y int) {
	p := Point{X: x, Y: y}
	Sink = any(p)
}

// Registry keeps addresses of values it was given.
type Registry struct {
	items []*int
	shape []shapes.Shape
}

// Add stores the address of a local in the registry: v is moved to heap; the slice grows.
func (r *Registry) Add(v int) {
	x := v * 2
	r.items = append(r.items, &x)
}

// AddShape builds a shape with the inlined constructor and keeps it.
func (r *Registry) AddShape(kind int, w float64) {
	r.shape = append(r.shape, shapes.NewShape(kind, w))
}
