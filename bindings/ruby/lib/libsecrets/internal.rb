# frozen_string_literal: true

module LibSecrets
  # Argument checks, buffers and conversions shared by the module functions.
  # Not part of the public API.
  module Internal
    module_function

    NUL = "\0".b.freeze
    SIZE_BYTES = FFI.type_size(:size_t)
    SIZE_MAX = (1 << (8 * SIZE_BYTES)) - 1
    # pack/unpack directive for a native size_t ('J' is uintptr_t, the same
    # width as size_t on every platform FFI supports).
    SIZE_PACK = "J*"
    UINT64_MAX = (1 << 64) - 1
    INT64_MIN = -(1 << 63)
    INT64_MAX = (1 << 63) - 1
    INT64_RANGE = (INT64_MIN..INT64_MAX).freeze
    UTF8_LIKE = [Encoding::UTF_8, Encoding::US_ASCII, Encoding::BINARY].freeze

    # --- arguments -------------------------------------------------------

    def integer(value, name, where)
      return value if value.is_a?(Integer)

      raise TypeError, "#{where}: #{name} must be an Integer, not #{value.class}"
    end

    # A count or byte size: an Integer in 0..SIZE_MAX.
    def size(value, name, where)
      integer(value, name, where)
      raise ArgumentError, "#{where}: #{name} must not be negative (got #{value})" if value.negative?
      raise TooLargeError, "#{where}: #{name} is too large (#{value})" if value > SIZE_MAX

      value
    end

    # Byte count for +count+ items of +width+ bytes, or TooLargeError.
    def product(count, width, where)
      total = count * width
      raise TooLargeError, "#{where}: request too large (#{count} x #{width} bytes)" if total > SIZE_MAX

      total
    end

    def float(value, name, where)
      return value if value.is_a?(Float)
      raise TypeError, "#{where}: #{name} must be a Numeric, not #{value.class}" unless value.is_a?(Numeric)

      Float(value)
    end

    # The UTF-8 bytes of a String argument (alphabet, word, separator), as a
    # binary String; other encodings are transcoded.  Not a secret.
    def utf8(value, name, where, allow_nul: true)
      raise TypeError, "#{where}: #{name} must be a String, not #{value.class}" unless value.is_a?(String)

      bytes =
        if UTF8_LIKE.include?(value.encoding)
          value.b
        else
          begin
            value.encode(Encoding::UTF_8).b
          rescue EncodingError => e
            raise ArgumentError, "#{where}: #{name} cannot be converted to UTF-8 (#{e.message})"
          end
        end
      raise ArgumentError, "#{where}: #{name} must not contain a NUL character" if !allow_nul && bytes.include?(NUL)

      bytes
    end

    # A sequence argument as an Array: an Array as is, a String as its
    # characters (like a Python str), anything with to_ary, any Enumerable
    # (a finite Range, a Hash's pairs, a Set).
    def population(seq, where)
      return seq if seq.is_a?(Array)
      return seq.to_ary if seq.respond_to?(:to_ary)
      return seq.chars if seq.is_a?(String)
      if seq.is_a?(Range) && (seq.begin.nil? || seq.end.nil?)
        raise ArgumentError, "#{where}: cannot draw from an endless range"
      end
      return seq.to_a if seq.is_a?(Enumerable)

      raise TypeError, "#{where}: expected an Array, String or Enumerable, not #{seq.class}"
    end

    # --- calls -----------------------------------------------------------

    # Calls the block with a zeroed String of +size+ bytes and returns it
    # (binary) on success.  The block returns the C status.
    def bytes_out(size, where)
      buf = NUL * size
      Errors.check(yield(buf), where)
      # The library wrote behind Ruby's back: drop any code range Ruby
      # cached ("7-bit") for the zero-filled buffer.  A real change of
      # encoding clears it on every Ruby version.
      buf.force_encoding(Encoding::US_ASCII).force_encoding(Encoding::BINARY)
    end

    # A size from a library size helper: SIZE_MAX means it overflowed.
    def fits!(size, where)
      raise TooLargeError, "#{where}: request too large" if size >= SIZE_MAX

      size
    end

    # A text output whose length is known: +size+ counts the NUL, the text is
    # size - 1 bytes.  The buffer becomes the result (no copy is made);
    # force_encoding also drops the code range Ruby may have cached before
    # the library wrote into the String.
    def text_exact(size, where)
      fits!(size, where)

      buf = NUL * size
      Errors.check(yield(buf, size), where)
      buf.chop!
      buf.force_encoding(Encoding::UTF_8)
    end

    # A text output of unknown length (at most size - 1 bytes): written to
    # native memory, copied out up to the NUL, then wiped and freed.
    #
    # With +resize+ (a lambda giving the size from the library's size
    # helper), +size+ is only a first guess: if the library finds the buffer
    # too small (checked before it draws anything), the call is made again
    # with the size the helper gives.
    def text_var(size, where, resize: nil, &block)
      fits!(size, where)

      ptr = FFI::MemoryPointer.new(:char, size, false)
      begin
        status = yield(ptr, size)
        return text_var(resize.call, where, &block) if status == Status::ERR_BUFFER_TOO_SMALL && resize

        Errors.check(status, where)
        ptr.get_string(0, size).force_encoding(Encoding::UTF_8)
      ensure
        Native.secrets_memzero(ptr, size)
        ptr.free
      end
    end

    # A buffer size from one of the library's size helpers (which check the
    # arguments as the function they size does, and report an overflow as
    # TOO_LARGE): the block gets the size_t out-parameter and returns the
    # status.
    def out_size(where, &block)
      scalar("J", where, &block)
    end

    # A text output of +length+ characters in a buffer of +size+ bytes (from
    # a size helper): when the size leaves one byte per character the text
    # fills it (text_exact), otherwise its length is only bounded (text_var).
    def text_sized(size, length, where, &block)
      size == length + 1 ? text_exact(size, where, &block) : text_var(size, where, &block)
    end

    # A scalar out-parameter: calls the block with an 8-byte buffer, unpacks
    # it with +format+ ("Q" uint64, "q" int64, "d" double, "J" size_t) and
    # wipes the buffer.
    def scalar(format, where)
      buf = NUL * 8
      begin
        Errors.check(yield(buf), where)
        buf.unpack1(format)
      ensure
        Native.secrets_memzero(buf, 8)
      end
    end

    # An array of +count+ size_t indices filled by the block; wiped after
    # unpacking.
    def indices(count, where)
      nbytes = product(count, SIZE_BYTES, where)
      buf = NUL * nbytes
      begin
        Errors.check(yield(buf), where)
        buf.unpack(SIZE_PACK)
      ensure
        Native.secrets_memzero(buf, nbytes)
      end
    end

    # --- big integers ----------------------------------------------------

    # Non-negative Integer -> big-endian bytes (binary String).
    def int_to_be(value)
      hex = value.to_s(16)
      hex = "0#{hex}" if hex.bytesize.odd?
      [hex].pack("H*")
    end

    # Big-endian bytes -> Integer; wipes +bytes+ and the hex intermediate.
    def be_to_int(bytes)
      hex = bytes.unpack1("H*")
      value = hex.empty? ? 0 : hex.to_i(16)
      Native.secrets_memzero(hex, hex.bytesize)
      value
    ensure
      Native.secrets_memzero(bytes, bytes.bytesize)
    end
  end
end
