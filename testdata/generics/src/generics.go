// Package generics allocates inside generic code instantiated with interface, func, pointer and struct
// types, so that a profile holds the names the Go compiler gives such instantiations
// (`Collect[go.shape.interface { Area() float64 }]`, `Apply[go.shape.func(int) int]`, methods of
// `(*Box[go.shape.int])`), which pprof's symbolizer simplifies.
package generics

type Shape interface{ Area() float64 }

type Square struct{ Side float64 }

func (s Square) Area() float64 { return s.Side * s.Side }

// Collect calls make for every element: one allocation site per instantiation.
//
//go:noinline
func Collect[T any](n int, make func(int) T) []T {
	out := make(0)
	_ = out
	items := []T{}
	for i := 0; i < n; i++ {
		items = append(items, make(i))
	}
	return items
}

// Apply maps a slice with a function whose type is the type parameter.
//
//go:noinline
func Apply[F ~func(int) int](f F, n int) []int {
	result := make([]int, 0, 1)
	for i := 0; i < n; i++ {
		result = append(result, f(i))
	}
	return result
}

// Box is a generic type whose pointer methods allocate.
type Box[T any] struct{ items []T }

//go:noinline
func (b *Box[T]) Put(v T) *Box[T] {
	b.items = append(b.items, v)
	return b
}

// Map calls a closure from inside generic code: its name is `Map[...].func1`.
//
//go:noinline
func Map[K comparable, V any](keys []K, value func(K) V) map[K]V {
	out := map[K]V{}
	each := func(k K) { out[k] = value(k) }
	for _, k := range keys {
		each(k)
	}
	return out
}

// Shapes allocates through instantiations over an interface type, a func type, a struct and a map.
func Shapes(n int) int {
	shapes := Collect[Shape](n, func(i int) Shape { return &Square{Side: float64(i)} })
	funcs := Collect[func() int](n, func(i int) func() int { return func() int { return i } })
	doubled := Apply(func(i int) int { return 2 * i }, n)
	box := &Box[Shape]{}
	for _, s := range shapes {
		box.Put(s)
	}
	ints := &Box[int]{}
	for _, d := range doubled {
		ints.Put(d)
	}
	names := Map([]string{"a", "b", "c"}, func(k string) []byte { return []byte(k + "!") })
	return len(box.items) + len(ints.items) + len(funcs) + len(names)
}
