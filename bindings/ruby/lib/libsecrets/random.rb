# frozen_string_literal: true

begin
  require "random/formatter" # Ruby >= 3.0: the formatter methods live here
rescue LoadError
  require "securerandom" # older Rubies define Random::Formatter's methods there
end

module LibSecrets
  # SecureRandom's interface on top of libsecrets: a drop-in for code that
  # takes SecureRandom (or any Random::Formatter).
  #
  #   LibSecrets::Random.hex(16)
  #   LibSecrets::Random.uuid
  #   LibSecrets::Random.random_number(1..6)
  #   LibSecrets::Random.alphanumeric(20)
  #   [1, 2, 3].shuffle(random: LibSecrets::Random)
  #
  # It extends Ruby's Random::Formatter, whose methods (random_bytes,
  # urlsafe_base64 with padding, ...) get their bytes from #bytes /
  # #gen_random (Ruby's formatter calls one or the other depending on its
  # version; both are here).  The methods that draw numbers or characters
  # (rand, random_number, alphanumeric, uuid, hex, base64, and the private
  # choose) are replaced by library calls, so no sampling happens in Ruby.  The module
  # can also be included into a class to give its instances the same
  # methods.
  module Random
    include ::Random::Formatter
    extend self

    # +n+ random bytes (binary String).  What Random::Formatter builds on.
    def bytes(n)
      LibSecrets.token_bytes(n.to_int)
    end

    # Random::Formatter's byte source on some Ruby versions; SecureRandom
    # has it public too.
    def gen_random(n)
      LibSecrets.token_bytes(n.to_int)
    end

    # Random::Formatter#random_number, with SecureRandom's semantics:
    # * no argument, nil, 0, a negative number: a Float in [0, 1)
    # * a positive Integer n: an Integer in [0, n)
    # * a positive Float f: a Float in [0, f)
    # * a Range of Integers: an Integer in it (an empty range: a Float in
    #   [0, 1), as SecureRandom does); a Range with a Float end: a Float in it
    # Non-finite bounds and endless ranges raise Errno::EDOM, other
    # arguments ArgumentError, as Random::Formatter does.
    def random_number(n = 0)
      value = draw_number(n)
      value.nil? ? LibSecrets.random : value
    end

    # The same as #random_number (Random::Formatter#rand).  Array#shuffle
    # and Array#sample call it with random: LibSecrets::Random.
    def rand(n = 0)
      random_number(n)
    end

    # Lowercase hex of +n+ random bytes (default 16).
    def hex(n = nil)
      LibSecrets.token_hex(n.nil? ? 16 : n.to_int)
    end

    # Standard "=" padded base64 of +n+ random bytes (default 16), as
    # SecureRandom.base64: secrets_token_base64.
    def base64(n = nil)
      LibSecrets.token_base64(n.nil? ? 16 : n.to_int)
    end

    # Unpadded base64url of +n+ random bytes (default 16); with +padding+,
    # "=" padded as Random::Formatter does.
    def urlsafe_base64(n = nil, padding = false)
      return super if padding

      LibSecrets.token_urlsafe(n.nil? ? 16 : n.to_int)
    end

    # A random version 4 UUID (secrets_uuid4).
    def uuid
      LibSecrets.uuid4
    end

    # Ruby 3.3's names: a version 4 and a version 7 UUID.
    def uuid_v4
      LibSecrets.uuid4
    end

    def uuid_v7
      LibSecrets.uuid7
    end

    ALPHANUMERIC = [*"A".."Z", *"a".."z", *"0".."9"].join.freeze

    # +n+ (default 16) characters from A-Z a-z 0-9, or from +chars+ (an Array
    # of characters or a String, as Ruby 3.3 allows): secrets_token_chars.
    def alphanumeric(n = nil, chars: ALPHANUMERIC)
      LibSecrets.token_chars(n.nil? ? 16 : n.to_int, chars)
    end

    private

    # Random::Formatter's private helper: +n+ elements of +source+ joined,
    # each chosen uniformly (secrets_choices).
    def choose(source, n)
      LibSecrets.choices(source, k: n.to_int).join
    end

    # nil when SecureRandom would return a Float in [0, 1).
    def draw_number(n)
      case n
      when nil then nil
      when Float then draw_float(n)
      when Range then draw_range(n)
      when Integer then n.positive? ? LibSecrets.randbelow(n) : nil
      else
        if n.respond_to?(:to_int)
          draw_number(n.to_int)
        elsif n.is_a?(Numeric)
          draw_float(Float(n))
        else
          raise ArgumentError, "invalid argument - #{n.inspect}"
        end
      end
    end

    def draw_float(max)
      raise Errno::EDOM unless max.finite?

      max.positive? ? LibSecrets.uniform(0.0, max) : nil
    end

    def draw_range(range)
      first = range.begin
      last = range.end
      raise Errno::EDOM if first.nil? || last.nil?

      if first.is_a?(Integer) && last.is_a?(Integer)
        last -= 1 if range.exclude_end?
        return last < first ? nil : LibSecrets.randint(first, last)
      end
      unless first.is_a?(Numeric) && last.is_a?(Numeric)
        raise ArgumentError, "invalid argument - #{range.inspect}"
      end

      lo = Float(first)
      hi = Float(last)
      raise Errno::EDOM unless lo.finite? && hi.finite?
      return nil if hi < lo || (hi == lo && range.exclude_end?)

      LibSecrets.uniform(lo, hi)
    end
  end
end
