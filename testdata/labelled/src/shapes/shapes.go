// Package shapes is the first package of the labelled-corpus module: an inlined constructor whose switch
// returns one of several &T{} (only one case is hot), a generic function instantiated with a func type and
// with an interface type, closures capturing variables, and a value moved to the heap by address-of.
package shapes

// Shape is the interface the constructor returns and one of Wrap's type arguments.
type Shape interface{ Area() float64 }

type Circle struct{ R float64 }
type Rect struct{ W, H float64 }
type Tri struct{ A, B, C float64 }

func (c *Circle) Area() float64 { return 3 * c.R * c.R }
func (r *Rect) Area() float64   { return r.W * r.H }
func (t *Tri) Area() float64    { return (t.A + t.B + t.C) / 2 }

// NewShape is small enough to be inlined: every case's &T{...} is reported at the caller's line.
func NewShape(kind int, x float64) Shape {
	switch kind {
	case 0:
		return &Circle{R: x}
	case 1:
		return &Rect{W: x, H: x + 1}
	default:
		return &Tri{A: x, B: x, C: x}
	}
}

// Box holds one value of any type.
type Box[T any] struct {
	V    T
	Note string
}

// Wrap is generic and not inlined, so each instantiation is compiled (and allocates) on its own:
// the log reports the same line once per shape, with " in Wrap[go.shape...]".
//
//go:noinline
func Wrap[T any](v T, note string) *Box[T] {
	return &Box[T]{V: v, Note: note}
}

// Apply is generic over a func type parameter; the result slice is made with a non-constant size.
//
//go:noinline
func Apply[F ~func(int) int](xs []int, f F) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// Counter returns a closure capturing n by reference: n and the closure both go to the heap.
func Counter(start int) func() int {
	n := start
	return func() int {
		n++
		return n
	}
}

// Adder returns a closure capturing step by value.
func Adder(step int) func(int) int {
	return func(x int) int { return x + step }
}

// Last remembers the most recent rectangle made by Remember.
var Last *Rect

// Remember stores the address of a local in a global: r is moved to heap.
func Remember(w float64) float64 {
	r := Rect{W: w, H: 2}
	Last = &r
	return r.Area()
}
