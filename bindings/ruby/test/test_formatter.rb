# frozen_string_literal: true

require_relative "test_helper"
require "minitest/mock"
require "securerandom"

class TestFormatter < Minitest::Test
  include LibSecretsTestHelpers

  R = LibSecrets::Random

  def test_is_a_random_formatter
    assert_kind_of ::Random::Formatter, R
    assert_includes R.singleton_class.ancestors, ::Random::Formatter
    klass = Class.new { include LibSecrets::Random }
    assert_kind_of ::Random::Formatter, klass.new
    assert_match(/\A\h{32}\z/, klass.new.hex)
  end

  def test_bytes_and_gen_random
    assert_equal 10, R.bytes(10).bytesize
    assert_equal Encoding::BINARY, R.bytes(3).encoding
    assert_equal 7, R.gen_random(7).bytesize
    assert_equal 16, R.random_bytes.bytesize
    assert_equal 5, R.random_bytes(5).bytesize
    assert_raises(ArgumentError) { R.bytes(-1) }
  end

  # The inherited formatter methods get their bytes from the library.
  def test_inherited_methods_use_library_bytes
    fixed = "\xfb\xff\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d".b
    LibSecrets.stub(:token_bytes, ->(n) { fixed.byteslice(0, n) }) do
      assert_equal fixed, R.random_bytes
      assert_equal [fixed].pack("m0").tr("+/", "-_"), R.urlsafe_base64(nil, true)
    end
  end

  # base64 is the library's token_base64, with SecureRandom's default size.
  def test_base64_from_library
    LibSecrets.stub(:token_base64, ->(n) { "base64 of #{n}" }) do
      assert_equal "base64 of 16", R.base64
      assert_equal "base64 of 9", R.base64(9)
      assert_equal "base64 of 3", R.base64(3.7)
    end
    assert_equal 24, R.base64.size
    assert_equal 16, R.base64.unpack1("m0").bytesize
    assert_equal 44, R.base64(32).size
    assert_raises(ArgumentError) { R.base64(-1) }
  end

  def test_formats
    assert_match(/\A\h{32}\z/, R.hex)
    assert_match(/\A[0-9a-f]{10}\z/, R.hex(5))
    assert_lowercase_utf8 R.hex
    b = R.base64
    assert_equal 16, b.unpack1("m0").bytesize
    assert_match(%r{\A[A-Za-z0-9+/]+=*\z}, b)
    assert_match(URLSAFE, R.urlsafe_base64)
    assert_equal 22, R.urlsafe_base64.size
    assert_equal 24, R.urlsafe_base64(nil, true).size
    assert_equal 43, R.urlsafe_base64(32).size
    assert_match UUID4, R.uuid
    assert_match UUID4, R.uuid_v4
    assert_match UUID7, R.uuid_v7
  end

  def test_alphanumeric
    assert_match(/\A[A-Za-z0-9]{16}\z/, R.alphanumeric)
    assert_match(/\A[A-Za-z0-9]{40}\z/, R.alphanumeric(40))
    assert_equal "", R.alphanumeric(0)
    assert_match(/\A[xyz]{12}\z/, R.alphanumeric(12, chars: %w[x y z]))
    assert_equal 62, R.alphanumeric(5000).chars.uniq.size
    assert_match(/\A[ab]{9}\z/, R.send(:choose, %w[a b], 9))
  end

  def test_random_number_semantics
    assert_kind_of Float, R.random_number
    [0, -1, nil, 0.0, -2.0, 5..1, 1...1, 2.0...2.0].each do |arg|
      v = R.random_number(arg)
      assert_kind_of Float, v, arg.inspect
      assert_operator v, :>=, 0.0
      assert_operator v, :<, 1.0
      assert_kind_of Float, R.rand(arg), arg.inspect
    end
    assert_equal (0...5).to_a, draw_until_all((0...5).to_a) { R.random_number(5) }.sort
    assert_equal (1..6).to_a, draw_until_all((1..6).to_a) { R.rand(1..6) }.sort
    assert_equal [1, 2], draw_until_all([1, 2]) { R.rand(1...3) }.sort
    assert_equal [1], [R.rand(1..1)]
    big = R.random_number(2**100)
    assert(big.is_a?(Integer) && big >= 0 && big < 2**100)
    assert_operator R.rand(2**70..2**70 + 1), :>=, 2**70
    f = R.random_number(2.5)
    assert(f.is_a?(Float) && f >= 0 && f < 2.5)
    g = R.rand(1.0..2.0)
    assert(g.is_a?(Float) && g >= 1.0 && g <= 2.0)
    h = R.rand(1..2.5)
    assert(h.is_a?(Float) && h >= 1.0 && h <= 2.5)
    assert_includes [0, 1], R.rand(Rational(5, 2)) # to_int: 2
    assert_raises(ArgumentError) { R.rand("abc") }
    assert_raises(ArgumentError) { R.rand("a".."z") }
    assert_raises(Errno::EDOM) { R.rand(Float::INFINITY) }
    assert_raises(Errno::EDOM) { R.rand(Float::NAN) }
    assert_raises(Errno::EDOM) { R.rand(1..) }
    assert_raises(Errno::EDOM) { R.rand(..5) }
  end

  # The same argument kinds give the same result kinds as SecureRandom.
  def test_matches_securerandom
    [nil, 0, -1, 5, 2**70, 2.5, 0.0, 5..1, 1..6, 1.0..2.0, 1..2.5, Rational(7, 2)].each do |arg|
      assert_equal SecureRandom.random_number(arg).class, R.random_number(arg).class, arg.inspect
      assert_equal SecureRandom.rand(arg).class, R.rand(arg).class, arg.inspect
    end
    %i[hex base64 urlsafe_base64 random_bytes alphanumeric].each do |m|
      assert_equal SecureRandom.public_send(m).size, R.public_send(m).size, m
      assert_equal SecureRandom.public_send(m, 9).size, R.public_send(m, 9).size, m
    end
    assert_equal SecureRandom.uuid.size, R.uuid.size
  end

  # Integer draws go through randbelow / randint, floats through the library.
  def test_numbers_come_from_library
    LibSecrets.stub(:randbelow, ->(n) { n - 1 }) do
      assert_equal 9, R.random_number(10)
      assert_equal 99, R.rand(100)
    end
    LibSecrets.stub(:randint, ->(a, b) { b }) { assert_equal 6, R.rand(1..6) }
    LibSecrets.stub(:random, 0.25) { assert_equal 0.25, R.random_number }
    LibSecrets.stub(:uniform, ->(a, b) { (a + b) / 2 }) { assert_equal 1.5, R.rand(1.0..2.0) }
  end

  # Ruby's core methods that take random: call #rand on it.
  def test_as_random_keyword
    a = (1..10).to_a
    assert_equal a, a.shuffle(random: R).sort
    assert_includes a, a.sample(random: R)
    assert_equal 3, a.sample(3, random: R).uniq.size
    assert_equal 6, draw_until_all([1, 2, 3].permutation.to_a) { [1, 2, 3].shuffle(random: R) }.size
  end
end
