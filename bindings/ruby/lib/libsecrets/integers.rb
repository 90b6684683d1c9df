# frozen_string_literal: true

module LibSecrets
  module_function

  # An Integer uniform in [0, n), for any positive Integer +n+ (bignums
  # included: they go through the library's big-endian secrets_randbelow).
  # Python's secrets.randbelow.
  def randbelow(n)
    where = "LibSecrets.randbelow"
    Internal.integer(n, "n", where)
    raise ArgumentError, "#{where}: upper bound must be positive (got #{n})" if n.negative?

    if n <= Internal::UINT64_MAX
      Internal.scalar("Q", where) { |buf| Native.secrets_randbelow_u64(n, buf) }
    else
      upper = Internal.int_to_be(n)
      out = Internal.bytes_out(upper.bytesize, where) do |buf|
        Native.secrets_randbelow(upper, upper.bytesize, buf)
      end
      Internal.be_to_int(out)
    end
  end

  # An Integer with +k+ random bits, uniform in [0, 2**k), for any k >= 0.
  # Python's secrets.randbits.
  def randbits(k)
    where = "LibSecrets.randbits"
    Internal.integer(k, "k", where)
    raise ArgumentError, "#{where}: number of bits must be non-negative (got #{k})" if k.negative?

    if k <= 64
      Internal.scalar("Q", where) { |buf| Native.secrets_randbits_u64(k, buf) }
    else
      bits = Internal.size(k, "k", where)
      nbytes = (bits + 7) / 8
      out = Internal.bytes_out(nbytes, where) { |buf| Native.secrets_randbits(bits, buf, nbytes) }
      Internal.be_to_int(out)
    end
  end

  # A random element of range(start, stop, step), Python's semantics
  # (negative steps included); randrange(n) is randrange(0, n).  Integers in
  # the int64 range go to secrets_randrange; larger ones pick an index with
  # randbelow.
  def randrange(start, stop = nil, step = 1)
    where = "LibSecrets.randrange"
    Internal.integer(start, "start", where)
    Internal.integer(step, "step", where)
    if stop.nil?
      raise ArgumentError, "#{where}: missing a non-nil stop argument" unless step == 1

      start, stop = 0, start
    end
    Internal.integer(stop, "stop", where)
    if [start, stop, step].all? { |v| Internal::INT64_RANGE.cover?(v) }
      return Internal.scalar("q", where) { |buf| Native.secrets_randrange(start, stop, step, buf) }
    end

    raise ArgumentError, "#{where}: zero step for randrange()" if step.zero?

    count = step.positive? ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step
    raise ArgumentError, "#{where}: empty range (#{start}, #{stop}, #{step})" if count <= 0

    start + step * randbelow(count)
  end

  # An Integer uniform in [a, b], both ends included.
  def randint(a, b)
    where = "LibSecrets.randint"
    Internal.integer(a, "a", where)
    Internal.integer(b, "b", where)
    if Internal::INT64_RANGE.cover?(a) && Internal::INT64_RANGE.cover?(b)
      return Internal.scalar("q", where) { |buf| Native.secrets_randint(a, b, buf) }
    end
    raise ArgumentError, "#{where}: empty range (#{a}, #{b})" if b < a

    a + randbelow(b - a + 1)
  end
end
