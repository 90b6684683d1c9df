package secrets_test

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	secrets "github.com/libsecrets/libsecrets/bindings/go"
)

var nan, inf = math.NaN(), math.Inf(1)

func TestRandom(t *testing.T) {
	var or uint64
	for i := 0; i < 1000; i++ {
		x, err := secrets.Random()
		noErr(t, "Random()", err)
		if !(x >= 0 && x < 1) {
			t.Fatalf("Random() = %v, want [0, 1)", x)
		}
		m := x * (1 << 53)
		if m != math.Trunc(m) {
			t.Fatalf("Random() = %v is not a multiple of 2^-53", x)
		}
		or |= uint64(m)
	}
	if or != 1<<53-1 {
		t.Errorf("Random(): the bits ever set across 1000 draws are %#x, want all 53", or)
	}
}

func TestUniform(t *testing.T) {
	for _, c := range [][2]float64{{0, 1}, {-5, 5}, {10, 2}, {3, 3}, {-1e300, 1e300}} {
		lo, hi := math.Min(c[0], c[1]), math.Max(c[0], c[1])
		for i := 0; i < 200; i++ {
			x, err := secrets.Uniform(c[0], c[1])
			noErr(t, fmt.Sprintf("Uniform(%v, %v)", c[0], c[1]), err)
			if x < lo || x > hi || math.IsNaN(x) {
				t.Fatalf("Uniform(%v, %v) = %v", c[0], c[1], x)
			}
		}
	}
	for _, c := range [][2]float64{{nan, 1}, {0, nan}, {-inf, 0}, {0, inf}} {
		_, err := secrets.Uniform(c[0], c[1])
		wantErr(t, fmt.Sprintf("Uniform(%v, %v)", c[0], c[1]), err, secrets.ErrInvalidArgument)
	}
}

func TestRandRange(t *testing.T) {
	cases := []struct {
		start, stop, step int64
		want              []int64
	}{
		{0, 10, 1, []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{10, 0, -3, []int64{10, 7, 4, 1}},
		{-5, 5, 4, []int64{-5, -1, 3}},
		{7, 8, 1, []int64{7}},
		{math.MaxInt64 - 2, math.MaxInt64, 1, []int64{math.MaxInt64 - 2, math.MaxInt64 - 1}},
		{math.MinInt64, math.MaxInt64, math.MaxInt64, []int64{math.MinInt64, -1, math.MaxInt64 - 1}},
	}
	for _, c := range cases {
		want := map[int64]bool{}
		for _, v := range c.want {
			want[v] = true
		}
		seen := map[int64]bool{}
		for i := 0; i < 400; i++ {
			x, err := secrets.RandRange(c.start, c.stop, c.step)
			noErr(t, fmt.Sprintf("RandRange(%d, %d, %d)", c.start, c.stop, c.step), err)
			if !want[x] {
				t.Fatalf("RandRange(%d, %d, %d) = %d, want one of %v", c.start, c.stop, c.step, x, c.want)
			}
			seen[x] = true
		}
		if len(seen) != len(want) {
			t.Errorf("RandRange(%d, %d, %d) reached %v of %v", c.start, c.stop, c.step, seen, c.want)
		}
	}
	for _, c := range [][3]int64{{0, 10, 0}, {5, 5, 1}, {10, 0, 1}, {0, 10, -1}, {math.MaxInt64, math.MinInt64, 1}} {
		_, err := secrets.RandRange(c[0], c[1], c[2])
		wantErr(t, fmt.Sprintf("RandRange(%d, %d, %d)", c[0], c[1], c[2]), err, secrets.ErrInvalidArgument)
	}
}

func TestRandInt(t *testing.T) {
	x, err := secrets.RandInt(4, 4)
	noErr(t, "RandInt(4, 4)", err)
	if x != 4 {
		t.Errorf("RandInt(4, 4) = %d", x)
	}
	seen := map[int64]bool{}
	for i := 0; i < 300; i++ {
		x, err := secrets.RandInt(-2, 2)
		noErr(t, "RandInt(-2, 2)", err)
		if x < -2 || x > 2 {
			t.Fatalf("RandInt(-2, 2) = %d", x)
		}
		seen[x] = true
	}
	if len(seen) != 5 {
		t.Errorf("RandInt(-2, 2) reached %v", seen)
	}
	neg, pos := 0, 0
	for i := 0; i < 200; i++ {
		x, err := secrets.RandInt(math.MinInt64, math.MaxInt64)
		noErr(t, "RandInt(MinInt64, MaxInt64)", err)
		if x < 0 {
			neg++
		} else {
			pos++
		}
	}
	if neg == 0 || pos == 0 {
		t.Errorf("RandInt(MinInt64, MaxInt64): %d negative, %d non-negative of 200", neg, pos)
	}
	_, err = secrets.RandInt(3, 2)
	wantErr(t, "RandInt(3, 2)", err, secrets.ErrInvalidArgument)
}

func TestShuffle(t *testing.T) {
	noErr(t, "Shuffle(nil)", secrets.Shuffle([]int(nil)))
	noErr(t, "Shuffle([]string{})", secrets.Shuffle([]string{}))
	one := []string{"x"}
	noErr(t, "Shuffle(one)", secrets.Shuffle(one))
	if one[0] != "x" {
		t.Errorf("Shuffle of one element gave %v", one)
	}

	// Every permutation of 3 elements (with pointers inside) is reached.
	seen := map[string]int{}
	for i := 0; i < 600; i++ {
		s := []*string{ptr("a"), ptr("b"), ptr("c")}
		noErr(t, "Shuffle", secrets.Shuffle(s))
		seen[*s[0]+*s[1]+*s[2]]++
	}
	if len(seen) != 6 {
		t.Errorf("Shuffle of 3 elements reached %v, want all 6 orders", seen)
	}

	// A large shuffle keeps the multiset and moves things.
	const n = 10000
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	noErr(t, "Shuffle(10000)", secrets.Shuffle(s))
	fixed := 0
	for i, v := range s {
		if v == i {
			fixed++
		}
	}
	if fixed > 20 { // expected 1
		t.Errorf("Shuffle(10000) left %d elements in place", fixed)
	}
	sort.Ints(s)
	for i, v := range s {
		if v != i {
			t.Fatalf("Shuffle lost or duplicated elements: sorted[%d] = %d", i, v)
		}
	}

	// Large elements.
	type big struct {
		id  int
		pad [100]byte
		str string
	}
	b := make([]big, 50)
	for i := range b {
		b[i] = big{id: i, str: fmt.Sprint(i)}
		b[i].pad[99] = byte(i)
	}
	noErr(t, "Shuffle(big)", secrets.Shuffle(b))
	ids := map[int]bool{}
	for _, v := range b {
		if v.str != fmt.Sprint(v.id) || v.pad[99] != byte(v.id) {
			t.Fatalf("Shuffle mixed up the fields of element %d", v.id)
		}
		ids[v.id] = true
	}
	if len(ids) != 50 {
		t.Errorf("Shuffle of 50 structs kept %d distinct ids", len(ids))
	}
}

func ptr(s string) *string { return &s }

func TestSample(t *testing.T) {
	s, err := secrets.Sample(10, 0)
	noErr(t, "Sample(10, 0)", err)
	if len(s) != 0 {
		t.Errorf("Sample(10, 0) = %v", s)
	}
	s, err = secrets.Sample(0, 0)
	noErr(t, "Sample(0, 0)", err)
	if len(s) != 0 {
		t.Errorf("Sample(0, 0) = %v", s)
	}
	_, err = secrets.Sample(3, 4)
	wantErr(t, "Sample(3, 4)", err, secrets.ErrInvalidArgument)
	_, err = secrets.Sample(-1, 0)
	wantErr(t, "Sample(-1, 0)", err, secrets.ErrInvalidArgument)
	_, err = secrets.Sample(5, -1)
	wantErr(t, "Sample(5, -1)", err, secrets.ErrInvalidArgument)

	orders := map[string]bool{}
	for i := 0; i < 600; i++ {
		s, err := secrets.Sample(3, 3)
		noErr(t, "Sample(3, 3)", err)
		orders[fmt.Sprint(s)] = true
	}
	if len(orders) != 6 {
		t.Errorf("Sample(3, 3) reached %d orders, want 6", len(orders))
	}
	for _, c := range [][2]int{{100, 100}, {1000, 10}, {1 << 40, 1000}, {math.MaxInt, 50}} {
		s, err := secrets.Sample(c[0], c[1])
		noErr(t, fmt.Sprintf("Sample(%d, %d)", c[0], c[1]), err)
		if len(s) != c[1] {
			t.Fatalf("Sample(%d, %d) has %d indices", c[0], c[1], len(s))
		}
		distinct := map[int]bool{}
		for _, v := range s {
			if v < 0 || v >= c[0] {
				t.Fatalf("Sample(%d, %d) gave index %d", c[0], c[1], v)
			}
			distinct[v] = true
		}
		if len(distinct) != c[1] {
			t.Errorf("Sample(%d, %d) repeated indices: %v", c[0], c[1], s)
		}
	}
}

func TestChoices(t *testing.T) {
	out, err := secrets.Choices(nil, 5, 500)
	noErr(t, "Choices(nil, 5, 500)", err)
	seen := map[int]bool{}
	for _, v := range out {
		if v < 0 || v >= 5 {
			t.Fatalf("Choices(nil, 5, 500) gave %d", v)
		}
		seen[v] = true
	}
	if len(out) != 500 || len(seen) != 5 {
		t.Errorf("Choices(nil, 5, 500): %d results reaching %v", len(out), seen)
	}

	out, err = secrets.Choices([]float64{0, 3.5, 0}, 3, 100)
	noErr(t, "Choices([0 3.5 0])", err)
	for _, v := range out {
		if v != 1 {
			t.Fatalf("Choices([0 3.5 0]) gave %d", v)
		}
	}
	out, err = secrets.Choices([]float64{1, 0, 1}, 3, 300)
	noErr(t, "Choices([1 0 1])", err)
	count := [3]int{}
	for _, v := range out {
		count[v]++
	}
	if count[1] != 0 || count[0] == 0 || count[2] == 0 {
		t.Errorf("Choices([1 0 1]) counts %v", count)
	}

	out, err = secrets.Choices(nil, 5, 0)
	noErr(t, "Choices(nil, 5, 0)", err)
	if len(out) != 0 {
		t.Errorf("Choices(nil, 5, 0) = %v", out)
	}
	_, err = secrets.Choices(nil, 0, 3)
	wantErr(t, "Choices(nil, 0, 3)", err, secrets.ErrEmpty)
	_, err = secrets.Choices([]float64{}, 0, 3)
	wantErr(t, "Choices([], 0, 3)", err, secrets.ErrEmpty)
	_, err = secrets.Choices([]float64{1, 2}, 3, 1)
	wantErr(t, "Choices(2 weights, n=3)", err, secrets.ErrInvalidArgument)
	_, err = secrets.Choices(nil, -1, 1)
	wantErr(t, "Choices(nil, -1, 1)", err, secrets.ErrInvalidArgument)
	_, err = secrets.Choices(nil, 3, -1)
	wantErr(t, "Choices(nil, 3, -1)", err, secrets.ErrInvalidArgument)
	for _, w := range [][]float64{{1, -1}, {0, 0}, {1, nan}, {1, inf}, {math.MaxFloat64, math.MaxFloat64}} {
		_, err := secrets.Choices(w, len(w), 1)
		wantErr(t, fmt.Sprintf("Choices(%v)", w), err, secrets.ErrInvalidArgument)
	}
}

// dist runs a distribution many times: every result must be finite and
// pass ok, and the mean must be within tol of mean (tol is many standard
// errors wide).
func dist(t *testing.T, name string, f func() (float64, error), ok func(float64) bool, mean, tol float64) {
	t.Helper()
	const n = 2000
	sum := 0.0
	for i := 0; i < n; i++ {
		x, err := f()
		noErr(t, name, err)
		if math.IsNaN(x) || math.IsInf(x, 0) || !ok(x) {
			t.Fatalf("%s = %v", name, x)
		}
		sum += x
	}
	if m := sum / n; math.Abs(m-mean) > tol {
		t.Errorf("%s: mean of %d draws %v, want %v ± %v", name, n, m, mean, tol)
	}
}

func anyValue(float64) bool { return true }

func TestDistributions(t *testing.T) {
	dist(t, "Triangular(0, 10, 2)", func() (float64, error) { return secrets.Triangular(0, 10, 2) },
		func(x float64) bool { return x >= 0 && x <= 10 }, 4, 0.5)
	dist(t, "NormalVariate(5, 2)", func() (float64, error) { return secrets.NormalVariate(5, 2) }, anyValue, 5, 0.5)
	dist(t, "Gauss(-3, 1)", func() (float64, error) { return secrets.Gauss(-3, 1) }, anyValue, -3, 0.25)
	dist(t, "LogNormVariate(0, 0.5)", func() (float64, error) { return secrets.LogNormVariate(0, 0.5) },
		func(x float64) bool { return x > 0 }, math.Exp(0.125), 0.15)
	dist(t, "ExpoVariate(2)", func() (float64, error) { return secrets.ExpoVariate(2) },
		func(x float64) bool { return x >= 0 }, 0.5, 0.12)
	dist(t, "ExpoVariate(-2)", func() (float64, error) { return secrets.ExpoVariate(-2) },
		func(x float64) bool { return x <= 0 }, -0.5, 0.12)
	// Results lie in [0, 2π); centred on π, wrapping does not move the mean.
	dist(t, "VonMisesVariate(π, 4)", func() (float64, error) { return secrets.VonMisesVariate(math.Pi, 4) },
		func(x float64) bool { return x >= 0 && x <= 2*math.Pi }, math.Pi, 0.25)
	dist(t, "VonMisesVariate(1, 0)", func() (float64, error) { return secrets.VonMisesVariate(1, 0) },
		func(x float64) bool { return x >= 0 && x <= 2*math.Pi }, math.Pi, 0.5)
	dist(t, "GammaVariate(0.5, 2)", func() (float64, error) { return secrets.GammaVariate(0.5, 2) },
		func(x float64) bool { return x >= 0 }, 1, 0.35)
	dist(t, "GammaVariate(9, 0.5)", func() (float64, error) { return secrets.GammaVariate(9, 0.5) },
		func(x float64) bool { return x >= 0 }, 4.5, 0.35)
	dist(t, "BetaVariate(2, 3)", func() (float64, error) { return secrets.BetaVariate(2, 3) },
		func(x float64) bool { return x >= 0 && x <= 1 }, 0.4, 0.05)
	dist(t, "ParetoVariate(3)", func() (float64, error) { return secrets.ParetoVariate(3) },
		func(x float64) bool { return x >= 1 }, 1.5, 0.25)
	dist(t, "WeibullVariate(2, 1)", func() (float64, error) { return secrets.WeibullVariate(2, 1) },
		func(x float64) bool { return x >= 0 }, 2, 0.5)
	dist(t, "BinomialVariate(20, 0.25)", func() (float64, error) {
		x, err := secrets.BinomialVariate(20, 0.25)
		return float64(x), err
	}, func(x float64) bool { return x >= 0 && x <= 20 }, 5, 0.5)

	for _, n := range []uint64{0, 1, 1000, 1 << 40} {
		x, err := secrets.BinomialVariate(n, 0)
		noErr(t, "BinomialVariate(n, 0)", err)
		y, err := secrets.BinomialVariate(n, 1)
		noErr(t, "BinomialVariate(n, 1)", err)
		if x != 0 || y != n {
			t.Errorf("BinomialVariate(%d, 0) = %d, BinomialVariate(%d, 1) = %d", n, x, n, y)
		}
	}

	// Python's domain errors, and NaN/infinite parameters.
	invalid := map[string]func() error{
		"Triangular(NaN, 1, 0.5)":  func() error { _, err := secrets.Triangular(nan, 1, 0.5); return err },
		"Triangular(0, 1, Inf)":    func() error { _, err := secrets.Triangular(0, 1, inf); return err },
		"NormalVariate(NaN, 1)":    func() error { _, err := secrets.NormalVariate(nan, 1); return err },
		"NormalVariate(0, Inf)":    func() error { _, err := secrets.NormalVariate(0, inf); return err },
		"Gauss(0, NaN)":            func() error { _, err := secrets.Gauss(0, nan); return err },
		"LogNormVariate(Inf, 1)":   func() error { _, err := secrets.LogNormVariate(inf, 1); return err },
		"ExpoVariate(0)":           func() error { _, err := secrets.ExpoVariate(0); return err },
		"ExpoVariate(NaN)":         func() error { _, err := secrets.ExpoVariate(nan); return err },
		"VonMisesVariate(NaN, 1)":  func() error { _, err := secrets.VonMisesVariate(nan, 1); return err },
		"GammaVariate(0, 1)":       func() error { _, err := secrets.GammaVariate(0, 1); return err },
		"GammaVariate(1, -1)":      func() error { _, err := secrets.GammaVariate(1, -1); return err },
		"BetaVariate(0, 1)":        func() error { _, err := secrets.BetaVariate(0, 1); return err },
		"BetaVariate(1, -2)":       func() error { _, err := secrets.BetaVariate(1, -2); return err },
		"ParetoVariate(0)":         func() error { _, err := secrets.ParetoVariate(0); return err },
		"ParetoVariate(Inf)":       func() error { _, err := secrets.ParetoVariate(inf); return err },
		"WeibullVariate(1, 0)":     func() error { _, err := secrets.WeibullVariate(1, 0); return err },
		"WeibullVariate(NaN, 1)":   func() error { _, err := secrets.WeibullVariate(nan, 1); return err },
		"BinomialVariate(5, -0.1)": func() error { _, err := secrets.BinomialVariate(5, -0.1); return err },
		"BinomialVariate(5, 1.5)":  func() error { _, err := secrets.BinomialVariate(5, 1.5); return err },
		"BinomialVariate(5, NaN)":  func() error { _, err := secrets.BinomialVariate(5, nan); return err },
	}
	for name, f := range invalid {
		err := f()
		wantErr(t, name, err, secrets.ErrInvalidArgument)
		if err != nil && !strings.HasPrefix(err.Error(), "secrets: ") {
			t.Errorf("%s: message %q", name, err)
		}
	}
}
