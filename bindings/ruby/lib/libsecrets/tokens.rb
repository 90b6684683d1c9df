# frozen_string_literal: true

module LibSecrets
  module_function

  # Python's secrets.DEFAULT_ENTROPY: bytes of randomness a token gets when
  # no size is given (32).
  DEFAULT_ENTROPY = Native.secrets_default_entropy

  # SECRETS_UUID_SIZE: 36 characters and the NUL.
  UUID_SIZE = 37

  # Version of the loaded libsecrets (secrets_version()), e.g. "0.1.0".
  def version
    Native.secrets_version.dup.force_encoding(Encoding::UTF_8)
  end

  # Name of the library's randomness backend, e.g. "getrandom".
  def entropy_source
    Native.secrets_entropy_source.dup.force_encoding(Encoding::UTF_8)
  end

  # The token functions are the hot path (see bench/bench.rb): their
  # argument check is inlined, falling back to Internal.size only to raise,
  # and the text sizes for up to TOKEN_SIZE_CACHE bytes are taken once from
  # the library's size helpers.
  TOKEN_SIZE_CACHE = 256
  HEX_SIZES = Array.new(TOKEN_SIZE_CACHE + 1) { |n| Native.secrets_token_hex_size(n) }.freeze
  URLSAFE_SIZES = Array.new(TOKEN_SIZE_CACHE + 1) { |n| Native.secrets_token_urlsafe_size(n) }.freeze
  BASE32_SIZES = Array.new(TOKEN_SIZE_CACHE + 1) { |n| Native.secrets_token_base32_size(n) }.freeze
  BASE64_SIZES = Array.new(TOKEN_SIZE_CACHE + 1) { |n| Native.secrets_token_base64_size(n) }.freeze
  private_constant :HEX_SIZES, :URLSAFE_SIZES, :BASE32_SIZES, :BASE64_SIZES

  # +nbytes+ random bytes as a binary (ASCII-8BIT) String; nil means
  # DEFAULT_ENTROPY.  Python's secrets.token_bytes.
  def token_bytes(nbytes = nil)
    n = nbytes.nil? ? DEFAULT_ENTROPY : nbytes
    unless n.is_a?(Integer) && n >= 0 && n <= Internal::SIZE_MAX
      Internal.size(n, "nbytes", "LibSecrets.token_bytes")
    end
    buf = Internal::NUL * n
    status = Native.secrets_token_bytes(buf, n)
    Errors.check(status, "LibSecrets.token_bytes") unless status.zero?
    # The library wrote behind Ruby's back: drop any code range Ruby
    # cached ("7-bit") for the zero-filled buffer.  A real change of
    # encoding clears it on every Ruby version.
    buf.force_encoding(Encoding::US_ASCII).force_encoding(Encoding::BINARY)
  end

  # Lowercase hex of +nbytes+ random bytes (2 * nbytes characters).
  # Python's secrets.token_hex.
  def token_hex(nbytes = nil)
    text_token(nbytes, HEX_SIZES, :secrets_token_hex_size, :secrets_token_hex, "LibSecrets.token_hex")
  end

  # Unpadded base64url (A-Z a-z 0-9 - _) of +nbytes+ random bytes,
  # ceil(4 * nbytes / 3) characters.  Python's secrets.token_urlsafe.
  def token_urlsafe(nbytes = nil)
    text_token(nbytes, URLSAFE_SIZES, :secrets_token_urlsafe_size, :secrets_token_urlsafe,
               "LibSecrets.token_urlsafe")
  end

  # Unpadded RFC 4648 base32 (A-Z 2-7) of +nbytes+ random bytes,
  # ceil(8 * nbytes / 5) characters.
  def token_base32(nbytes = nil)
    text_token(nbytes, BASE32_SIZES, :secrets_token_base32_size, :secrets_token_base32,
               "LibSecrets.token_base32")
  end

  # Standard base64 (RFC 4648 section 4: A-Z a-z 0-9 + /, "=" padded) of
  # +nbytes+ random bytes, 4 * ceil(nbytes / 3) characters: what
  # `openssl rand -base64 32` prints, and what base64_decode reads back.
  def token_base64(nbytes = nil)
    text_token(nbytes, BASE64_SIZES, :secrets_token_base64_size, :secrets_token_base64,
               "LibSecrets.token_base64")
  end

  # The text tokens: the buffer size comes from the library's size helper
  # (cached for small sizes), the library writes the token into it.
  def text_token(nbytes, cached_sizes, size_fn, token_fn, where)
    n = nbytes.nil? ? DEFAULT_ENTROPY : nbytes
    if n.is_a?(Integer) && n >= 0 && n <= TOKEN_SIZE_CACHE
      size = cached_sizes[n]
    else
      size = Native.public_send(size_fn, Internal.size(n, "nbytes", where))
      Internal.fits!(size, where)
    end
    buf = Internal::NUL * size
    status = Native.public_send(token_fn, buf, size, n)
    Errors.check(status, where) unless status.zero?
    buf.chop!
    buf.force_encoding(Encoding::UTF_8)
  end
  private_class_method :text_token if respond_to?(:private_class_method)

  # Constant-time comparison of two Strings' bytes (Python's
  # secrets.compare_digest): true if equal.  The time depends only on the
  # length of +b+: pass the expected secret as +a+, the untrusted input as +b+.
  def compare_digest(a, b)
    where = "LibSecrets.compare_digest"
    raise TypeError, "#{where}: a must be a String, not #{a.class}" unless a.is_a?(String)
    raise TypeError, "#{where}: b must be a String, not #{b.class}" unless b.is_a?(String)

    Errors.check(Native.secrets_compare_digest(a, a.bytesize, b, b.bytesize), where) == 1
  end

  # Fail-closed constant-time equality of two Strings' bytes
  # (secrets_equal): true only when both have the same bytes; the time
  # depends only on the lengths.  The same answers as compare_digest, from
  # the C function that cannot fail open.  Raises TypeError unless both are
  # Strings.
  #
  # Defined on the module only (not as a module_function), and with one
  # argument it is Object#equal? (identity), so LibSecrets.equal?(other)
  # and assert_same keep working.
  def self.equal?(a, *rest)
    return super(a) if rest.empty?
    raise ArgumentError, "wrong number of arguments (given #{rest.size + 1}, expected 1..2)" if rest.size > 1

    b = rest.first
    where = "LibSecrets.equal?"
    raise TypeError, "#{where}: a must be a String, not #{a.class}" unless a.is_a?(String)
    raise TypeError, "#{where}: b must be a String, not #{b.class}" unless b.is_a?(String)

    Native.secrets_equal(a, a.bytesize, b, b.bytesize)
  end

  # +length+ characters, each chosen uniformly and independently from the
  # code points of +alphabet+ (a String, or an Array of one-character
  # Strings); a repeated character counts twice.
  def token_chars(length, alphabet)
    where = "LibSecrets.token_chars"
    len = Internal.size(length, "length", where)
    alphabet = alphabet.join if alphabet.is_a?(Array)
    alpha = Internal.utf8(alphabet, "alphabet", where)
    size = Internal.out_size(where) { |out| Native.secrets_token_chars_size(len, alpha, alpha.bytesize, out) }
    Internal.text_sized(size, len, where) do |buf, n|
      Native.secrets_token_chars(buf, n, len, alpha, alpha.bytesize)
    end
  end

  # A random password of +length+ characters from +alphabet+ (nil: ASCII
  # letters and digits) with at least the given numbers of lowercase,
  # uppercase, digit and symbol (any other alphabet character) characters,
  # uniform over all strings that meet the policy.
  # Raises LibSecrets::UnsatisfiableError (an ArgumentError) when no string
  # can meet it, ArgumentError for a duplicate character in the alphabet.
  def password(length: 16, alphabet: nil, min_lower: 0, min_upper: 0, min_digits: 0, min_symbols: 0)
    where = "LibSecrets.password"
    with_policy(where, length, alphabet, min_lower, min_upper, min_digits, min_symbols) do |policy, len|
      size = Internal.out_size(where) { |out| Native.secrets_password_size(policy, out) }
      Internal.text_sized(size, len, where) { |buf, n| Native.secrets_password(buf, n, policy) }
    end
  end

  # log2 of the number of strings that meet the policy: the entropy in bits
  # of LibSecrets.password with the same arguments.
  def password_entropy(length: 16, alphabet: nil, min_lower: 0, min_upper: 0, min_digits: 0, min_symbols: 0)
    where = "LibSecrets.password_entropy"
    with_policy(where, length, alphabet, min_lower, min_upper, min_digits, min_symbols) do |policy, _len|
      Internal.scalar("d", where) { |buf| Native.secrets_password_entropy(policy, buf) }
    end
  end

  # +nwords+ words, each chosen uniformly (with replacement) from +words+,
  # joined by +separator+ (nil: a single space).
  def passphrase(words, nwords, separator: " ")
    where = "LibSecrets.passphrase"
    count = Internal.size(nwords, "nwords", where)
    list = Internal.population(words, where).map { |w| Internal.utf8(w, "word", where, allow_nul: false) }
    sep = separator.nil? ? nil : Internal.utf8(separator, "separator", where, allow_nul: false)

    # All words in one native block (stable addresses), and an array of
    # pointers into it.
    blob = FFI::MemoryPointer.new(:char, [list.sum { |w| w.bytesize + 1 }, 1].max)
    offset = 0
    addresses = list.map do |w|
      blob.put_bytes(offset, w)
      blob.put_uint8(offset + w.bytesize, 0)
      address = blob.address + offset
      offset += w.bytesize + 1
      address
    end
    pointers = addresses.pack(Internal::SIZE_PACK)
    words_ptr = list.empty? ? nil : pointers
    begin
      # A first buffer for nwords of the longest word and the separators
      # (bytes, no UTF-8 maths) is only a guess: the library checks it before
      # drawing, and if it disagrees its size helper sizes the second try.
      # The size helper checks every word again, so a right guess saves a
      # pass over a long list.
      resize = lambda do
        Internal.out_size(where) { |out| Native.secrets_passphrase_size(count, words_ptr, list.size, sep, out) }
      end
      longest = list.map(&:bytesize).max || 0
      guess = count.zero? ? 1 : count * longest + (count - 1) * (sep.nil? ? 1 : sep.bytesize) + 1
      size = guess <= PASSPHRASE_GUESS_MAX ? guess : resize.call
      Internal.text_var(size, where, resize: resize) do |ptr, n|
        Native.secrets_passphrase(ptr, n, count, words_ptr, list.size, sep)
      end
    ensure
      blob.free
    end
  end

  # Larger first buffers for passphrase are sized by the library first.
  PASSPHRASE_GUESS_MAX = 1 << 20
  private_constant :PASSPHRASE_GUESS_MAX

  # Words in the built-in list of passphrase_eff (the EFF long word list).
  EFF_WORDLIST_LEN = 7776

  # +nwords+ words chosen uniformly, with replacement, from the EFF long
  # word list built into the library (7776 words of 3 to 9 characters from
  # a-z and "-"; log2(7776) = 12.925 bits each, so 6 words give 77.5 bits),
  # joined by +separator+ (nil: a single space).  Nothing to download or
  # pass in: `LibSecrets.passphrase_eff(6)`.
  def passphrase_eff(nwords, separator: " ")
    where = "LibSecrets.passphrase_eff"
    count = Internal.size(nwords, "nwords", where)
    sep = separator.nil? ? nil : Internal.utf8(separator, "separator", where, allow_nul: false)
    size = Internal.out_size(where) { |out| Native.secrets_passphrase_eff_size(count, sep, out) }
    Internal.text_var(size, where) { |ptr, n| Native.secrets_passphrase_eff(ptr, n, count, sep) }
  end

  # A random (version 4) UUID, lowercase canonical form.
  def uuid4
    Internal.text_exact(UUID_SIZE, "LibSecrets.uuid4") { |buf, n| Native.secrets_uuid4(buf, n) }
  end

  # A version 7 UUID (Unix milliseconds, then random bits), lowercase;
  # successive calls in a process are strictly increasing.
  def uuid7
    Internal.text_exact(UUID_SIZE, "LibSecrets.uuid7") { |buf, n| Native.secrets_uuid7(buf, n) }
  end

  # The 16 bytes of a random (version 4) UUID, in network byte order, as a
  # binary String (what a database's uuid/binary(16) column stores).
  # uuid_format gives its canonical text.
  def uuid4_bytes
    Internal.bytes_out(16, "LibSecrets.uuid4_bytes") { |buf| Native.secrets_uuid4_bytes(buf, 16) }
  end

  # The 16 bytes of a version 7 UUID, in network byte order (binary
  # String).  It shares uuid7's order: successive calls of either, in any
  # mix, are strictly increasing in a process (compare the Strings, or
  # their uuid_format).
  def uuid7_bytes
    Internal.bytes_out(16, "LibSecrets.uuid7_bytes") { |buf| Native.secrets_uuid7_bytes(buf, 16) }
  end

  # The lowercase canonical form (8-4-4-4-12 hex digits) of the 16 bytes of
  # a UUID (a String of exactly 16 bytes, else ArgumentError), in constant
  # time.  Any 16 bytes format; the version bits are not checked.
  def uuid_format(bytes)
    where = "LibSecrets.uuid_format"
    raise TypeError, "#{where}: expected a String of 16 bytes, not #{bytes.class}" unless bytes.is_a?(String)

    Internal.text_exact(UUID_SIZE, where) { |buf, n| Native.secrets_uuid_format(bytes, bytes.bytesize, buf, n) }
  end

  # Builds a secrets_password_policy and yields it with the length.
  def with_policy(where, length, alphabet, min_lower, min_upper, min_digits, min_symbols)
    policy = Native::PasswordPolicy.new
    len = Internal.size(length, "length", where)
    policy[:length] = len
    policy[:min_lower] = Internal.size(min_lower, "min_lower", where)
    policy[:min_upper] = Internal.size(min_upper, "min_upper", where)
    policy[:min_digits] = Internal.size(min_digits, "min_digits", where)
    policy[:min_symbols] = Internal.size(min_symbols, "min_symbols", where)
    alpha_ptr = nil
    if alphabet.nil?
      policy[:alphabet] = nil
      policy[:alphabet_len] = 0
    else
      alphabet = alphabet.join if alphabet.is_a?(Array)
      alpha = Internal.utf8(alphabet, "alphabet", where)
      alpha_ptr = FFI::MemoryPointer.from_string(alpha)
      policy[:alphabet] = alpha_ptr
      policy[:alphabet_len] = alpha.bytesize
    end
    begin
      yield policy, len
    ensure
      alpha_ptr&.free
      policy.pointer.free if policy.pointer.respond_to?(:free)
    end
  end
  private_class_method :with_policy
end
