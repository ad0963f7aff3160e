package demo

import (
	"fmt"
	"strings"
)

type Point struct{ X, Y int }

// newPoint is small and gets inlined; it escapes to heap because we return a pointer.
func newPoint(x, y int) *Point {
	return &Point{X: x, Y: y}
}

// BuildPoints allocates a slice and many points.
func BuildPoints(n int) []*Point {
	pts := make([]*Point, 0)
	for i := 0; i < n; i++ {
		p := newPoint(i, i*2)
		pts = append(pts, p)
	}
	return pts
}

// Format allocates strings.
func Format(pts []*Point) string {
	var sb strings.Builder
	for _, p := range pts {
		sb.WriteString(fmt.Sprintf("(%d,%d)", p.X, p.Y))
	}
	return sb.String()
}

// Rec is recursive and allocates at each level.
func Rec(depth int) []byte {
	if depth == 0 {
		return make([]byte, 64)
	}
	b := Rec(depth - 1)
	return append(b, make([]byte, 32)...)
}
