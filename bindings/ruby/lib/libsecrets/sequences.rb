# frozen_string_literal: true

module LibSecrets
  module_function

  # A uniformly chosen element of +seq+ (an Array, a String's characters, a
  # Range, any Enumerable).  Raises IndexError when +seq+ is empty.  An
  # Integer Range is not materialised.  Python's secrets.choice.
  def choice(seq)
    where = "LibSecrets.choice"
    size, fetch = indexable(seq, where)
    fetch.call(random_index(size, where))
  end

  # +k+ elements drawn with replacement from +seq+, uniformly, or in
  # proportion to +weights+ (finite, non-negative Numerics, one per element,
  # with a positive sum).  IndexError when +seq+ is empty and k > 0.
  # Python's random.choices (without cum_weights).
  def choices(seq, weights: nil, k: 1)
    where = "LibSecrets.choices"
    size, fetch = indexable(seq, where)
    count = Internal.size(k, "k", where)
    n = Internal.size(size, "population size", where)
    wbuf = nil
    unless weights.nil?
      list = Internal.population(weights, where)
      if list.size != size
        raise ArgumentError, "#{where}: the number of weights (#{list.size}) does not match the population (#{size})"
      end

      wbuf = list.map { |w| Internal.float(w, "weight", where) }.pack("d*")
    end
    Internal.indices(count, where) { |buf| Native.secrets_choices(wbuf, n, count, buf) }.map!(&fetch)
  end

  # +k+ distinct elements of +seq+ (distinct positions), in random order;
  # every k-permutation is equally likely.  k > size is an ArgumentError.
  # An Integer Range is not materialised (memory O(k)).  Python's
  # random.sample.
  def sample(seq, k)
    where = "LibSecrets.sample"
    size, fetch = indexable(seq, where)
    count = Internal.size(k, "k", where)
    n = Internal.size(size, "population size", where)
    Internal.indices(count, where) { |buf| Native.secrets_sample(n, count, buf) }.map!(&fetch)
  end

  # A new Array with the elements of +seq+ in a uniformly random order (the
  # permutation comes from secrets_shuffle).
  def shuffle(seq)
    items = Internal.population(seq, "LibSecrets.shuffle")
    permutation(items.size, "LibSecrets.shuffle").map! { |i| items[i] }
  end

  # Shuffles +array+ in place (uniformly random permutation) and returns it.
  def shuffle!(array)
    where = "LibSecrets.shuffle!"
    raise TypeError, "#{where}: expected an Array, not #{array.class}" unless array.is_a?(Array)
    raise FrozenError.new("can't modify frozen Array: #{array.inspect}", receiver: array) if array.frozen?

    order = permutation(array.size, where)
    array.replace(order.map! { |i| array[i] })
  end

  # [size, element-at-index lambda] for a sequence.
  def indexable(seq, where)
    if seq.is_a?(Range) && seq.begin.is_a?(Integer) && seq.end.is_a?(Integer)
      first = seq.begin
      return [[seq.size, 0].max, ->(i) { first + i }]
    end
    items = Internal.population(seq, where)
    [items.size, ->(i) { items[i] }]
  end
  private_class_method :indexable

  # An index uniform in [0, size): secrets_choice_index, or randbelow for a
  # size beyond size_t.  IndexError when size is 0.
  def random_index(size, where)
    if size > Internal::SIZE_MAX
      randbelow(size)
    else
      Internal.scalar("J", where) { |buf| Native.secrets_choice_index(size, buf) }
    end
  end
  private_class_method :random_index

  # A uniformly random permutation of 0...n, from secrets_shuffle.
  def permutation(n, where)
    nbytes = Internal.product(n, Internal::SIZE_BYTES, where)
    buf = (0...n).to_a.pack(Internal::SIZE_PACK)
    begin
      Errors.check(Native.secrets_shuffle(buf, n, Internal::SIZE_BYTES), where)
      buf.unpack(Internal::SIZE_PACK)
    ensure
      Native.secrets_memzero(buf, nbytes)
    end
  end
  private_class_method :permutation
end
