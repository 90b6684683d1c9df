package secrets

/*
#include <secrets.h>

// Results by value: no Go pointer crosses into C, nothing is allocated.
// On failure v stays 0 (the library leaves scalar outputs untouched).
typedef struct {
	int32_t rc;
	double v;
} gosecrets_f64;

typedef struct {
	int32_t rc;
	int64_t v;
} gosecrets_i64;

typedef struct {
	int32_t rc;
	uint64_t v;
} gosecrets_u64v;

static gosecrets_f64 gosecrets_random(void) {
	gosecrets_f64 r = {0, 0};
	r.rc = secrets_random(&r.v);
	return r;
}

#define GOSECRETS_F64_1(name) \
	static gosecrets_f64 gosecrets_##name(double a) { \
		gosecrets_f64 r = {0, 0}; \
		r.rc = secrets_##name(a, &r.v); \
		return r; \
	}
#define GOSECRETS_F64_2(name) \
	static gosecrets_f64 gosecrets_##name(double a, double b) { \
		gosecrets_f64 r = {0, 0}; \
		r.rc = secrets_##name(a, b, &r.v); \
		return r; \
	}

GOSECRETS_F64_2(uniform)
GOSECRETS_F64_2(normalvariate)
GOSECRETS_F64_2(gauss)
GOSECRETS_F64_2(lognormvariate)
GOSECRETS_F64_1(expovariate)
GOSECRETS_F64_2(vonmisesvariate)
GOSECRETS_F64_2(gammavariate)
GOSECRETS_F64_2(betavariate)
GOSECRETS_F64_1(paretovariate)
GOSECRETS_F64_2(weibullvariate)

static gosecrets_f64 gosecrets_triangular(double low, double high, double mode) {
	gosecrets_f64 r = {0, 0};
	r.rc = secrets_triangular(low, high, mode, &r.v);
	return r;
}

static gosecrets_i64 gosecrets_randrange(int64_t start, int64_t stop, int64_t step) {
	gosecrets_i64 r = {0, 0};
	r.rc = secrets_randrange(start, stop, step, &r.v);
	return r;
}

static gosecrets_i64 gosecrets_randint(int64_t a, int64_t b) {
	gosecrets_i64 r = {0, 0};
	r.rc = secrets_randint(a, b, &r.v);
	return r;
}

static gosecrets_u64v gosecrets_binomialvariate(uint64_t n, double p) {
	gosecrets_u64v r = {0, 0};
	r.rc = secrets_binomialvariate(n, p, &r.v);
	return r;
}
*/
import "C"

import (
	"unsafe"
)

// Random returns a float64 uniform in [0, 1): a multiple of 2^-53, every
// multiple equally likely (Python's SystemRandom.random).
func Random() (float64, error) {
	return f64(C.gosecrets_random())
}

// Uniform returns a + (b-a)*Random() (Python's SystemRandom.uniform). NaN or
// infinite arguments are ErrInvalidArgument.
func Uniform(a, b float64) (float64, error) {
	return f64(C.gosecrets_uniform(C.double(a), C.double(b)))
}

// RandRange returns a uniformly chosen element of range(start, stop, step)
// with Python's semantics, negative steps included (Python's
// SystemRandom.randrange). step == 0 or an empty range is
// ErrInvalidArgument. Exact over the whole int64 domain.
func RandRange(start, stop, step int64) (int64, error) {
	r := C.gosecrets_randrange(C.int64_t(start), C.int64_t(stop), C.int64_t(step))
	if err := status(r.rc); err != nil {
		return 0, err
	}
	return int64(r.v), nil
}

// RandInt returns an integer uniform in [a, b], both ends included (Python's
// SystemRandom.randint). a > b is ErrInvalidArgument.
// RandInt(math.MinInt64, math.MaxInt64) works.
func RandInt(a, b int64) (int64, error) {
	r := C.gosecrets_randint(C.int64_t(a), C.int64_t(b))
	if err := status(r.rc); err != nil {
		return 0, err
	}
	return int64(r.v), nil
}

// Shuffle puts the elements of items in a uniformly random order, in place
// (Python's SystemRandom.shuffle). The permutation is drawn by the library
// (secrets_shuffle on an array of indices, so elements of any type work,
// pointers included) and then applied here; the index array is left holding
// the identity permutation, so no trace of the permutation remains besides
// the shuffled slice itself.
func Shuffle[T any](items []T) error {
	n := len(items)
	if n < 2 {
		return nil // nothing to permute (the library draws nothing either)
	}
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	rc := C.secrets_shuffle(unsafe.Pointer(&perm[0]), C.size_t(n), C.size_t(unsafe.Sizeof(perm[0])))
	if err := status(rc); err != nil {
		return err
	}
	// items[i] = old items[perm[i]], one cycle at a time; each slot is
	// marked done by making it a fixed point of perm.
	for i := 0; i < n; i++ {
		if perm[i] == i {
			continue
		}
		first := items[i]
		j := i
		for {
			k := perm[j]
			perm[j] = j
			if k == i {
				items[j] = first
				break
			}
			items[j] = items[k]
			j = k
		}
	}
	return nil
}

// Sample returns k distinct indices from [0, population), in random order:
// every k-permutation is equally likely (Python's SystemRandom.sample over
// range(population)). k > population is ErrInvalidArgument; k == 0 gives an
// empty slice. Memory is O(k), not O(population).
func Sample(population, k int) ([]int, error) {
	cp, err := count("Sample", "population", population)
	if err != nil {
		return nil, err
	}
	ck, err := count("Sample", "sample size", k)
	if err != nil {
		return nil, err
	}
	out := make([]int, k)
	if err := status(C.secrets_sample(cp, ck, sizePtr(out))); err != nil {
		return nil, err
	}
	return out, nil
}

// Choices returns k indices drawn with replacement from [0, n) (Python's
// SystemRandom.choices over range(n)). With weights == nil every index is
// equally likely (an exact integer draw); otherwise weights must hold n
// finite, non-negative weights with a positive finite sum, and index i is
// drawn with probability weights[i]/sum. n == 0 is ErrEmpty; a weights
// slice whose length is not n, or bad weights, are ErrInvalidArgument.
func Choices(weights []float64, n, k int) ([]int, error) {
	cn, err := count("Choices", "population", n)
	if err != nil {
		return nil, err
	}
	ck, err := count("Choices", "count", k)
	if err != nil {
		return nil, err
	}
	var w *C.double
	if weights != nil {
		if len(weights) != n {
			return nil, argError("Choices", ErrInvalidArgument, "%d weights for population %d", len(weights), n)
		}
		if n > 0 {
			w = (*C.double)(unsafe.Pointer(&weights[0]))
		}
	}
	out := make([]int, k)
	if err := status(C.secrets_choices(w, cn, ck, sizePtr(out))); err != nil {
		return nil, err
	}
	return out, nil
}

// sizePtr passes a []int to the library as a size_t array (same width,
// checked at compile time in parity.go); nil for an empty slice.
func sizePtr(s []int) *C.size_t {
	if len(s) == 0 {
		return nil
	}
	return (*C.size_t)(unsafe.Pointer(&s[0]))
}

// f64 unpacks a float result.
func f64(r C.gosecrets_f64) (float64, error) {
	if err := status(r.rc); err != nil {
		return 0, err
	}
	return float64(r.v), nil
}

// Triangular returns a value of the triangular distribution on [low, high]
// with the given mode (Python's SystemRandom.triangular).
func Triangular(low, high, mode float64) (float64, error) {
	return f64(C.gosecrets_triangular(C.double(low), C.double(high), C.double(mode)))
}

// NormalVariate returns a normally distributed value with mean mu and
// standard deviation sigma (Python's SystemRandom.normalvariate).
func NormalVariate(mu, sigma float64) (float64, error) {
	return f64(C.gosecrets_normalvariate(C.double(mu), C.double(sigma)))
}

// Gauss returns a normally distributed value with mean mu and standard
// deviation sigma (Python's SystemRandom.gauss).
func Gauss(mu, sigma float64) (float64, error) {
	return f64(C.gosecrets_gauss(C.double(mu), C.double(sigma)))
}

// LogNormVariate returns a log-normally distributed value: its natural
// logarithm is normal with mean mu and standard deviation sigma (Python's
// SystemRandom.lognormvariate).
func LogNormVariate(mu, sigma float64) (float64, error) {
	return f64(C.gosecrets_lognormvariate(C.double(mu), C.double(sigma)))
}

// ExpoVariate returns an exponentially distributed value with rate lambd
// (Python's SystemRandom.expovariate). lambd == 0 is ErrInvalidArgument.
func ExpoVariate(lambd float64) (float64, error) {
	return f64(C.gosecrets_expovariate(C.double(lambd)))
}

// VonMisesVariate returns an angle in [0, 2π) of the von Mises distribution
// with mean angle mu and concentration kappa (Python's
// SystemRandom.vonmisesvariate).
func VonMisesVariate(mu, kappa float64) (float64, error) {
	return f64(C.gosecrets_vonmisesvariate(C.double(mu), C.double(kappa)))
}

// GammaVariate returns a gamma-distributed value with shape alpha > 0 and
// scale beta > 0 (Python's SystemRandom.gammavariate).
func GammaVariate(alpha, beta float64) (float64, error) {
	return f64(C.gosecrets_gammavariate(C.double(alpha), C.double(beta)))
}

// BetaVariate returns a beta-distributed value in [0, 1] with alpha > 0 and
// beta > 0 (Python's SystemRandom.betavariate).
func BetaVariate(alpha, beta float64) (float64, error) {
	return f64(C.gosecrets_betavariate(C.double(alpha), C.double(beta)))
}

// ParetoVariate returns a Pareto-distributed value with shape alpha
// (Python's SystemRandom.paretovariate). alpha == 0 is ErrInvalidArgument.
func ParetoVariate(alpha float64) (float64, error) {
	return f64(C.gosecrets_paretovariate(C.double(alpha)))
}

// WeibullVariate returns a Weibull-distributed value with scale alpha and
// shape beta (Python's SystemRandom.weibullvariate). beta == 0 is
// ErrInvalidArgument.
func WeibullVariate(alpha, beta float64) (float64, error) {
	return f64(C.gosecrets_weibullvariate(C.double(alpha), C.double(beta)))
}

// BinomialVariate returns the number of successes in n independent trials
// with success probability p, 0 <= p <= 1 (Python's
// SystemRandom.binomialvariate).
func BinomialVariate(n uint64, p float64) (uint64, error) {
	r := C.gosecrets_binomialvariate(C.uint64_t(n), C.double(p))
	if err := status(r.rc); err != nil {
		return 0, err
	}
	return uint64(r.v), nil
}
