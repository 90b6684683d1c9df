# frozen_string_literal: true

require_relative "test_helper"

class TestFloats < Minitest::Test
  include LibSecretsTestHelpers

  N = 2000

  def mean(values)
    values.sum / values.size
  end

  def test_random
    v = (1..N).map { LibSecrets.random }
    assert(v.all? { |x| x.is_a?(Float) && x >= 0.0 && x < 1.0 })
    assert(v.all? { |x| (x * 2**53) == (x * 2**53).floor }, "multiples of 2**-53")
    assert_in_delta 0.5, mean(v), 0.1
    assert_equal v.size, v.uniq.size
  end

  def test_uniform
    v = (1..N).map { LibSecrets.uniform(2, 5) }
    assert(v.all? { |x| x >= 2.0 && x <= 5.0 })
    assert_in_delta 3.5, mean(v), 0.3
    assert(Array.new(50) { LibSecrets.uniform(5, 2.0) }.all? { |x| x >= 2.0 && x <= 5.0 })
    assert_equal 1.5, LibSecrets.uniform(1.5, 1.5)
    assert_raises(ArgumentError) { LibSecrets.uniform(0, Float::NAN) }
    assert_raises(ArgumentError) { LibSecrets.uniform(-Float::INFINITY, 0) }
    assert_raises(TypeError) { LibSecrets.uniform("0", 1) }
  end

  def test_triangular
    v = (1..N).map { LibSecrets.triangular(0, 10, 2) }
    assert(v.all? { |x| x >= 0 && x <= 10 })
    assert_in_delta 4.0, mean(v), 0.5 # (0 + 10 + 2) / 3
    d = (1..N).map { LibSecrets.triangular }
    assert(d.all? { |x| x >= 0 && x <= 1 })
    assert_in_delta 0.5, mean(d), 0.1
    assert_raises(ArgumentError) { LibSecrets.triangular(0, 1, Float::NAN) }
  end

  def test_normal_family
    n = (1..N).map { LibSecrets.normalvariate }
    assert_in_delta 0.0, mean(n), 0.2
    g = (1..N).map { LibSecrets.gauss(10, 2) }
    assert_in_delta 10.0, mean(g), 0.4
    assert(Array.new(100) { LibSecrets.lognormvariate(0, 1) }.all?(&:positive?))
    assert Array.new(10) { LibSecrets.normalvariate(0, -1) }.all?(&:finite?), "negative sigma accepted"
    %i[normalvariate gauss lognormvariate].each do |m|
      assert_raises(ArgumentError, m) { LibSecrets.public_send(m, Float::NAN, 1) }
      assert_raises(ArgumentError, m) { LibSecrets.public_send(m, 0, Float::INFINITY) }
      assert_raises(TypeError, m) { LibSecrets.public_send(m, 0, nil) }
    end
  end

  def test_expovariate
    v = (1..N).map { LibSecrets.expovariate(2) }
    assert(v.all? { |x| x >= 0 })
    assert_in_delta 0.5, mean(v), 0.1
    assert(Array.new(10) { LibSecrets.expovariate(-1) }.all? { |x| x <= 0 }, "negative lambd accepted")
    e = assert_raises(ArgumentError) { LibSecrets.expovariate(0) }
    assert_equal LibSecrets::Status::ERR_INVALID_ARGUMENT, e.status
  end

  def test_vonmises
    v = (1..200).map { LibSecrets.vonmisesvariate(1, 4) }
    assert(v.all? { |x| x >= 0 && x <= 2 * Math::PI })
    assert(Array.new(10) { LibSecrets.vonmisesvariate(0, 0) }.all? { |x| x >= 0 && x <= 2 * Math::PI })
    assert_raises(ArgumentError) { LibSecrets.vonmisesvariate(Float::NAN, 1) }
  end

  def test_gamma_beta
    g = (1..N).map { LibSecrets.gammavariate(2, 3) }
    assert(g.all?(&:positive?))
    assert_in_delta 6.0, mean(g), 0.8
    assert(Array.new(100) { LibSecrets.gammavariate(0.5, 1) }.all? { |x| x >= 0 })
    b = (1..N).map { LibSecrets.betavariate(2, 6) }
    assert(b.all? { |x| x >= 0 && x <= 1 })
    assert_in_delta 0.25, mean(b), 0.05
    assert_raises(ArgumentError) { LibSecrets.gammavariate(0, 1) }
    assert_raises(ArgumentError) { LibSecrets.gammavariate(1, -1) }
    assert_raises(ArgumentError) { LibSecrets.betavariate(0, 1) }
    assert_raises(ArgumentError) { LibSecrets.betavariate(1, -2) }
  end

  def test_pareto_weibull
    assert(Array.new(200) { LibSecrets.paretovariate(3) }.all? { |x| x >= 1.0 })
    assert(Array.new(200) { LibSecrets.weibullvariate(2, 1.5) }.all? { |x| x >= 0 })
    assert_raises(ArgumentError) { LibSecrets.paretovariate(0) }
    assert_raises(ArgumentError) { LibSecrets.weibullvariate(1, 0) }
    assert_raises(ArgumentError) { LibSecrets.weibullvariate(Float::NAN, 1) }
  end

  def test_binomialvariate
    v = (1..N).map { LibSecrets.binomialvariate(10, 0.3) }
    assert(v.all? { |x| x.is_a?(Integer) && x >= 0 && x <= 10 })
    assert_in_delta 3.0, mean(v.map(&:to_f)), 0.3
    assert_equal [0, 1], draw_until_all([0, 1]) { LibSecrets.binomialvariate }.sort
    assert_equal [0], Array.new(5) { LibSecrets.binomialvariate(0, 0.5) }.uniq
    assert_equal [7], Array.new(5) { LibSecrets.binomialvariate(7, 1.0) }.uniq
    assert_equal [0], Array.new(5) { LibSecrets.binomialvariate(7, 0.0) }.uniq
    big = LibSecrets.binomialvariate(10**12, 0.5)
    assert_in_delta 5 * 10**11, big, 10**8
    assert_raises(ArgumentError) { LibSecrets.binomialvariate(-1, 0.5) }
    assert_raises(ArgumentError) { LibSecrets.binomialvariate(5, 1.5) }
    assert_raises(ArgumentError) { LibSecrets.binomialvariate(5, -0.1) }
    assert_raises(ArgumentError) { LibSecrets.binomialvariate(5, Float::NAN) }
    assert_raises(ArgumentError) { LibSecrets.binomialvariate(2**64, 0.5) }
    assert_raises(TypeError) { LibSecrets.binomialvariate(5.0, 0.5) }
  end
end
