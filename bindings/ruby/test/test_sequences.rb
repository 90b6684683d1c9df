# frozen_string_literal: true

require_relative "test_helper"
require "set"

class TestSequences < Minitest::Test
  include LibSecretsTestHelpers

  def test_choice
    assert_equal %w[a b c], draw_until_all(%w[a b c]) { LibSecrets.choice(%w[a b c]) }.sort
    assert_equal [:only], [LibSecrets.choice([:only])]
    assert_equal %w[h é l o].sort, draw_until_all(%w[h é l o]) { LibSecrets.choice("héllo") }.sort
    assert_equal (3..7).to_a, draw_until_all((3..7).to_a) { LibSecrets.choice(3..7) }.sort
    assert_equal [3, 4], draw_until_all([3, 4]) { LibSecrets.choice(3...5) }.sort
    big = LibSecrets.choice(1..10**30)
    assert_operator big, :>=, 1
    assert_operator big, :<=, 10**30
    assert_includes [[:a, 1], [:b, 2]], LibSecrets.choice({ a: 1, b: 2 })
    assert_includes [1, 2], LibSecrets.choice(Set[1, 2])
  end

  def test_choice_empty_and_bad
    [[], "", (1...1), (5..1), {}].each do |empty|
      e = assert_raises(IndexError, empty.inspect) { LibSecrets.choice(empty) }
      assert_equal LibSecrets::Status::ERR_EMPTY, e.status
    end
    assert_raises(ArgumentError) { LibSecrets.choice(1..) }
    assert_raises(TypeError) { LibSecrets.choice(nil) }
    assert_raises(TypeError) { LibSecrets.choice(5) }
  end

  def test_choices
    assert_equal 1, LibSecrets.choices(%w[a b]).size
    v = LibSecrets.choices(%w[a b c], k: 300)
    assert_equal 300, v.size
    assert_equal %w[a b c], v.uniq.sort
    assert_equal [], LibSecrets.choices([], k: 0)
    assert_equal [], LibSecrets.choices(%w[a], k: 0)
    assert_equal ["z"] * 50, LibSecrets.choices(%w[x y z], weights: [0, 0, 1], k: 50)
    assert_equal %w[x z], LibSecrets.choices(%w[x y z], weights: [1, 0, 2.5], k: 200).uniq.sort
    assert_equal [1, 2], LibSecrets.choices(1..2, weights: [1r, 1], k: 100).uniq.sort
    big = LibSecrets.choices(1..10**15, k: 3)
    assert(big.all? { |x| x >= 1 && x <= 10**15 })
    # Populations beyond size_t are refused (choice alone takes any size).
    assert_raises(LibSecrets::TooLargeError) { LibSecrets.choices(1..10**20, k: 1) }
    assert_raises(LibSecrets::TooLargeError) { LibSecrets.sample(1..10**20, 1) }
  end

  def test_choices_errors
    e = assert_raises(IndexError) { LibSecrets.choices([], k: 1) }
    assert_equal LibSecrets::Status::ERR_EMPTY, e.status
    assert_raises(ArgumentError) { LibSecrets.choices(%w[a b], weights: [1]) }
    assert_raises(ArgumentError) { LibSecrets.choices(%w[a b], weights: [1, -1]) }
    assert_raises(ArgumentError) { LibSecrets.choices(%w[a b], weights: [0, 0]) }
    assert_raises(ArgumentError) { LibSecrets.choices(%w[a b], weights: [1, Float::NAN]) }
    assert_raises(ArgumentError) { LibSecrets.choices(%w[a b], weights: [1, Float::INFINITY]) }
    assert_raises(ArgumentError) { LibSecrets.choices(%w[a b], k: -1) }
    assert_raises(TypeError) { LibSecrets.choices(%w[a b], weights: [1, "2"]) }
    assert_raises(TypeError) { LibSecrets.choices(%w[a b], k: 1.0) }
  end

  def test_sample
    v = LibSecrets.sample((1..10).to_a, 4)
    assert_equal 4, v.size
    assert_equal 4, v.uniq.size
    assert(v.all? { |x| (1..10).cover?(x) })
    assert_equal (1..8).to_a, LibSecrets.sample((1..8).to_a, 8).sort
    assert_equal [], LibSecrets.sample([], 0)
    assert_equal [], LibSecrets.sample(%w[a b], 0)
    # Positions are distinct, values need not be.
    assert_equal %w[a a], LibSecrets.sample(%w[a a], 2)
    # A huge Integer range is not materialised.
    big = LibSecrets.sample(1..10**12, 5)
    assert_equal 5, big.uniq.size
    assert(big.all? { |x| x >= 1 && x <= 10**12 })
    # Every order of a 3-sample of 3 appears.
    orders = draw_until_all([1, 2, 3].permutation.to_a) { LibSecrets.sample([1, 2, 3], 3) }
    assert_equal 6, orders.size
  end

  def test_sample_errors
    assert_raises(ArgumentError) { LibSecrets.sample([1, 2], 3) }
    assert_raises(ArgumentError) { LibSecrets.sample([], 1) }
    assert_raises(ArgumentError) { LibSecrets.sample([1, 2], -1) }
    assert_raises(TypeError) { LibSecrets.sample([1, 2], nil) }
  end

  def test_shuffle
    a = (1..50).to_a
    s = LibSecrets.shuffle(a)
    assert_equal (1..50).to_a, a, "original untouched"
    assert_equal a, s.sort
    refute_same a, s
    assert_equal [], LibSecrets.shuffle([])
    assert_equal [7], LibSecrets.shuffle([7])
    assert_equal 6, draw_until_all([1, 2, 3].permutation.to_a) { LibSecrets.shuffle([1, 2, 3]) }.size
    assert_equal %w[a b c], LibSecrets.shuffle("abc").sort
    assert_equal (1..5).to_a, LibSecrets.shuffle(1..5).sort
  end

  def test_shuffle_bang
    a = (1..20).to_a
    r = LibSecrets.shuffle!(a)
    assert_same a, r
    assert_equal (1..20).to_a, a.sort
    assert_equal 6, draw_until_all([1, 2, 3].permutation.to_a) { LibSecrets.shuffle!([1, 2, 3]) }.size
    assert_raises(FrozenError) { LibSecrets.shuffle!([1, 2].freeze) }
    assert_raises(TypeError) { LibSecrets.shuffle!("abc") }
  end
end
