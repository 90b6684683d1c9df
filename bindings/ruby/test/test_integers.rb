# frozen_string_literal: true

require_relative "test_helper"

class TestIntegers < Minitest::Test
  include LibSecretsTestHelpers

  INT64_MIN = -(2**63)
  INT64_MAX = 2**63 - 1

  def test_randbelow_small
    assert_equal [0], (1..20).map { LibSecrets.randbelow(1) }.uniq
    seen = draw_until_all((0...6).to_a) { LibSecrets.randbelow(6) }
    assert_equal (0...6).to_a, seen.sort
  end

  def test_randbelow_u64_edge
    n = 2**64 - 1
    v = (1..50).map { LibSecrets.randbelow(n) }
    assert(v.all? { |x| x.is_a?(Integer) && x >= 0 && x < n })
    assert(v.any? { |x| x >= 2**63 }, "high half reached")
  end

  def test_randbelow_bignum
    [2**64, 2**64 + 1, 10**40, 2**521 - 1, 3 * 2**1000].each do |n|
      v = (1..60).map { LibSecrets.randbelow(n) }
      assert(v.all? { |x| x >= 0 && x < n }, "range for #{n}")
      assert(v.any? { |x| x >= n / 2 }, "upper half reached for #{n}")
      assert(v.any? { |x| x < n / 2 }, "lower half reached for #{n}")
      assert_equal v.size, v.uniq.size
    end
  end

  def test_randbelow_errors
    e = assert_raises(ArgumentError) { LibSecrets.randbelow(0) }
    assert_equal LibSecrets::Status::ERR_INVALID_ARGUMENT, e.status
    assert_raises(ArgumentError) { LibSecrets.randbelow(-1) }
    assert_raises(ArgumentError) { LibSecrets.randbelow(-(2**100)) }
    assert_raises(TypeError) { LibSecrets.randbelow(2.0) }
    assert_raises(TypeError) { LibSecrets.randbelow(nil) }
  end

  def test_randbits
    assert_equal 0, LibSecrets.randbits(0)
    assert_equal [0, 1], draw_until_all([0, 1]) { LibSecrets.randbits(1) }.sort
    [8, 63, 64, 65, 128, 1000].each do |k|
      v = (1..60).map { LibSecrets.randbits(k) }
      assert(v.all? { |x| x >= 0 && x < 2**k }, "k=#{k}")
      assert(v.any? { |x| x >= 2**(k - 1) }, "top bit set sometimes, k=#{k}")
    end
    assert_raises(ArgumentError) { LibSecrets.randbits(-1) }
    assert_raises(TypeError) { LibSecrets.randbits(8.0) }
  end

  def test_randrange
    assert_equal (0...10).to_a, draw_until_all((0...10).to_a) { LibSecrets.randrange(10) }.sort
    assert_equal (5...10).to_a, draw_until_all((5...10).to_a) { LibSecrets.randrange(5, 10) }.sort
    assert_equal [1, 4, 7, 10], draw_until_all([1, 4, 7, 10]) { LibSecrets.randrange(10, 0, -3) }.sort
    assert_equal [0, 5], draw_until_all([0, 5]) { LibSecrets.randrange(0, 10, 5) }.sort
    assert_equal [-3], (1..10).map { LibSecrets.randrange(-3, -2) }.uniq
    v = (1..50).map { LibSecrets.randrange(INT64_MIN, INT64_MAX) }
    assert(v.all? { |x| x >= INT64_MIN && x < INT64_MAX })
    assert(v.any?(&:negative?) && v.any?(&:positive?))
    # Elements INT64_MAX and -1 (the next, -1 - 2**63, is past the stop):
    # no overflow with the most negative step.
    assert_equal [-1, INT64_MAX],
                 draw_until_all([-1, INT64_MAX]) { LibSecrets.randrange(INT64_MAX, INT64_MIN, INT64_MIN) }.sort
  end

  def test_randrange_bignum
    base = 2**100
    assert_equal [base, base + 3, base + 6, base + 9],
                 draw_until_all([base, base + 3, base + 6, base + 9]) { LibSecrets.randrange(base, base + 10, 3) }.sort
    assert_equal [-base - 2, -base], draw_until_all([-base, -base - 2]) { LibSecrets.randrange(-base, -base - 3, -2) }.sort
    v = (1..50).map { LibSecrets.randrange(-(2**80), 2**80) }
    assert(v.all? { |x| x >= -(2**80) && x < 2**80 })
    assert(v.any?(&:negative?) && v.any?(&:positive?))
  end

  def test_randrange_errors
    assert_raises(ArgumentError) { LibSecrets.randrange(0) }
    assert_raises(ArgumentError) { LibSecrets.randrange(5, 5) }
    assert_raises(ArgumentError) { LibSecrets.randrange(5, 1) }
    assert_raises(ArgumentError) { LibSecrets.randrange(1, 5, -1) }
    assert_raises(ArgumentError) { LibSecrets.randrange(1, 5, 0) }
    assert_raises(ArgumentError) { LibSecrets.randrange(10, nil, 2) }
    assert_raises(ArgumentError) { LibSecrets.randrange(2**70, 2**70) }
    assert_raises(ArgumentError) { LibSecrets.randrange(0, 2**70, 0) }
    assert_raises(TypeError) { LibSecrets.randrange(1.5) }
    assert_raises(TypeError) { LibSecrets.randrange(0, 10, 1.0) }
  end

  def test_randint
    assert_equal (1..6).to_a, draw_until_all((1..6).to_a) { LibSecrets.randint(1, 6) }.sort
    assert_equal [5], (1..10).map { LibSecrets.randint(5, 5) }.uniq
    v = (1..50).map { LibSecrets.randint(INT64_MIN, INT64_MAX) }
    assert(v.any?(&:negative?) && v.any?(&:positive?))
    assert_equal [INT64_MAX], (1..5).map { LibSecrets.randint(INT64_MAX, INT64_MAX) }.uniq
    big = 2**70
    assert_equal [big, big + 1, big + 2], draw_until_all([big, big + 1, big + 2]) { LibSecrets.randint(big, big + 2) }.sort
    assert_raises(ArgumentError) { LibSecrets.randint(6, 5) }
    assert_raises(ArgumentError) { LibSecrets.randint(big, big - 1) }
    assert_raises(TypeError) { LibSecrets.randint(1, "6") }
  end
end
