# frozen_string_literal: true

require_relative "test_helper"

class TestTokens < Minitest::Test
  include LibSecretsTestHelpers

  def test_info
    assert_match(/\A\d+\.\d+\.\d+/, LibSecrets.version)
    assert_equal LibSecrets::Native::LIBRARY_VERSION, LibSecrets.version
    assert_equal Encoding::UTF_8, LibSecrets.version.encoding
    refute_empty LibSecrets.entropy_source
    assert_equal 32, LibSecrets::DEFAULT_ENTROPY
    assert_equal LibSecrets::VERSION, Gem::Specification.load(File.expand_path("../libsecrets.gemspec", __dir__)).version.to_s
  end

  def test_token_bytes
    assert_equal 32, LibSecrets.token_bytes.bytesize
    assert_equal 32, LibSecrets.token_bytes(nil).bytesize
    [0, 1, 16, 1000].each do |n|
      t = LibSecrets.token_bytes(n)
      assert_equal n, t.bytesize
      assert_equal Encoding::BINARY, t.encoding
    end
    refute_equal LibSecrets.token_bytes(16), LibSecrets.token_bytes(16)
    # 8192 random bytes take nearly all 256 values (a stub returning zeros,
    # or a short read, does not).
    assert_operator LibSecrets.token_bytes(8192).bytes.uniq.size, :>=, 240
  end

  # The library writes into the String's memory behind Ruby's back; Ruby
  # must not keep a stale "7-bit" code range for it.
  def test_token_bytes_code_range
    LibSecrets::Internal::NUL.ascii_only? # let Ruby cache the buffer template's code range
    20.times do
      t = LibSecrets.token_bytes(64)
      assert_equal t.bytes.all? { |b| b < 128 }, t.ascii_only?
      refute t.ascii_only? if t.bytes.any? { |b| b >= 128 }
      assert_equal t.bytes.all? { |b| b < 128 }, t.dup.force_encoding(Encoding::UTF_8).ascii_only?
    end
  end

  def test_token_hex
    assert_equal 64, LibSecrets.token_hex.size
    [0, 1, 7, 16, 33].each do |n|
      t = LibSecrets.token_hex(n)
      assert_equal 2 * n, t.size
      assert_match HEX, t
      assert_lowercase_utf8 t
    end
    assert_equal "", LibSecrets.token_hex(0)
    seen = (1..200).map { LibSecrets.token_hex(1) }.join.chars.uniq
    assert_equal 16, seen.size, "all 16 hex digits appear"
  end

  def test_token_urlsafe
    assert_equal 43, LibSecrets.token_urlsafe.size
    (0..20).each do |n|
      t = LibSecrets.token_urlsafe(n)
      assert_equal (4 * n + 2) / 3, t.size, "ceil(4n/3) for n=#{n}"
      assert_match URLSAFE, t
      assert_equal Encoding::UTF_8, t.encoding
      refute_includes t, "="
    end
    # The encoding round-trips to n bytes.
    t = LibSecrets.token_urlsafe(30)
    assert_equal 30, t.tr("-_", "+/").unpack1("m").bytesize
  end

  def test_token_base32
    assert_equal 52, LibSecrets.token_base32.size
    (0..20).each do |n|
      t = LibSecrets.token_base32(n)
      assert_equal (8 * n + 4) / 5, t.size, "ceil(8n/5) for n=#{n}"
      assert_match BASE32, t
      assert_equal Encoding::UTF_8, t.encoding
    end
  end

  def test_token_argument_errors
    %i[token_bytes token_hex token_urlsafe token_base32].each do |m|
      assert_raises(ArgumentError, m) { LibSecrets.public_send(m, -1) }
      assert_raises(TypeError, m) { LibSecrets.public_send(m, 1.5) }
      assert_raises(TypeError, m) { LibSecrets.public_send(m, "16") }
      e = assert_raises(LibSecrets::TooLargeError, m) { LibSecrets.public_send(m, 2**64) }
      assert_kind_of ArgumentError, e
    end
    # Sizes whose text buffer would overflow size_t: the library's size
    # helpers say so (SIZE_MAX) and the binding refuses before allocating.
    %i[token_hex token_urlsafe token_base32].each do |m|
      assert_raises(LibSecrets::TooLargeError, m) { LibSecrets.public_send(m, 2**64 - 1) }
    end
  end

  def test_uuid4
    ids = (1..200).map { LibSecrets.uuid4 }
    ids.each do |id|
      assert_match UUID4, id
      assert_lowercase_utf8 id
    end
    assert_equal ids.size, ids.uniq.size
  end

  def test_uuid7
    ids = (1..500).map { LibSecrets.uuid7 }
    ids.each { |id| assert_match UUID7, id }
    assert_equal ids.sort, ids, "strictly increasing"
    assert_equal ids.size, ids.uniq.size
    ms = ids.first.delete("-")[0, 12].to_i(16)
    now = (Time.now.to_r * 1000).to_i
    assert_in_delta now, ms, 60_000, "48-bit Unix milliseconds"
  end

  def test_compare_digest
    assert_equal true, LibSecrets.compare_digest("abc", "abc")
    assert_equal false, LibSecrets.compare_digest("abc", "abd")
    assert_equal false, LibSecrets.compare_digest("abc", "abcd")
    assert_equal false, LibSecrets.compare_digest("abcd", "abc")
    assert_equal false, LibSecrets.compare_digest("", "a")
    assert_equal true, LibSecrets.compare_digest("", "")
    assert_equal true, LibSecrets.compare_digest("\x00\xff".b, "\x00\xff".b)
    assert_equal false, LibSecrets.compare_digest("\x00\xff".b, "\x00\xfe".b)
    assert_equal true, LibSecrets.compare_digest("héllo".freeze, "héllo".b)
    secret = LibSecrets.token_hex
    assert_equal true, LibSecrets.compare_digest(secret, secret.dup)
    assert_raises(TypeError) { LibSecrets.compare_digest("a", nil) }
    assert_raises(TypeError) { LibSecrets.compare_digest(1, "1") }
  end

  def test_equal
    assert_equal true, LibSecrets.equal?("abc", "abc")
    assert_equal false, LibSecrets.equal?("abc", "abd")
    assert_equal false, LibSecrets.equal?("abc", "abcd")
    assert_equal false, LibSecrets.equal?("abcd", "abc")
    assert_equal false, LibSecrets.equal?("", "a")
    assert_equal false, LibSecrets.equal?("a", "")
    assert_equal true, LibSecrets.equal?("", "")
    assert_equal true, LibSecrets.equal?("a\0b", "a\0b")
    assert_equal false, LibSecrets.equal?("a\0b", "a\0c")
    assert_equal true, LibSecrets.equal?("héllo".freeze, "héllo".b)
    secret = LibSecrets.token_bytes(32)
    assert_equal true, LibSecrets.equal?(secret, secret.dup)
    32.times do |i|
      other = secret.dup
      other.setbyte(i, other.getbyte(i) ^ (1 << (i % 8)))
      assert_equal false, LibSecrets.equal?(secret, other), "byte #{i} flipped"
      assert_equal LibSecrets.compare_digest(secret, other), LibSecrets.equal?(secret, other)
    end
    assert_raises(TypeError) { LibSecrets.equal?("a", nil) }
    assert_raises(TypeError) { LibSecrets.equal?(1, "1") }
    assert_raises(ArgumentError) { LibSecrets.equal?("a", "a", "a") }
    # With one argument it is still Object#equal? (identity): assert_same
    # and friends rely on it.
    assert_equal true, LibSecrets.equal?(LibSecrets)
    assert_equal false, LibSecrets.equal?(LibSecrets::Random)
    assert_same LibSecrets, LibSecrets
    refute_includes LibSecrets.private_instance_methods, :equal?
  end

  def test_token_base64
    assert_equal 44, LibSecrets.token_base64.size
    (0..40).each do |n|
      t = LibSecrets.token_base64(n)
      assert_equal (n + 2) / 3 * 4, t.size, "4*ceil(n/3) for n=#{n}"
      assert_match(%r{\A[A-Za-z0-9+/]*={0,2}\z}, t)
      assert_equal Encoding::UTF_8, t.encoding
      raw = t.unpack1("m0") # strict RFC 4648
      assert_equal n, raw.bytesize
      assert_equal t, [raw].pack("m0"), "canonical (zero unused bits)"
    end
    refute_equal LibSecrets.token_base64(16), LibSecrets.token_base64(16)
    assert_equal 400, LibSecrets.token_base64(300).size # above the size cache
    assert_raises(ArgumentError) { LibSecrets.token_base64(-1) }
    assert_raises(TypeError) { LibSecrets.token_base64("16") }
    assert_raises(LibSecrets::TooLargeError) { LibSecrets.token_base64(2**64 - 1) }
  end

  def test_uuid_bytes
    ids = (1..200).map { LibSecrets.uuid4_bytes }
    ids.each do |u|
      assert_equal 16, u.bytesize
      assert_equal Encoding::BINARY, u.encoding
      assert_equal 4, u.getbyte(6) >> 4, "version 4"
      assert_equal 2, u.getbyte(8) >> 6, "RFC 9562 variant"
      text = LibSecrets.uuid_format(u)
      assert_match UUID4, text
      assert_equal u.unpack1("H*"), text.delete("-")
      assert_lowercase_utf8 text
    end
    assert_equal ids.size, ids.uniq.size

    # uuid7_bytes and uuid7, in any mix, strictly increasing.
    texts = (1..1500).map { |i| i % 3 == 0 ? LibSecrets.uuid7 : LibSecrets.uuid_format(LibSecrets.uuid7_bytes) }
    texts.each { |t| assert_match UUID7, t }
    assert_equal texts.sort, texts
    assert_equal texts.size, texts.uniq.size
    raw = (1..100).map { LibSecrets.uuid7_bytes }
    assert_equal raw.sort, raw, "the binary form sorts the same (String#<=> is bytewise)"
    ms = raw.last.byteslice(0, 6).unpack1("H*").to_i(16)
    assert_in_delta (Time.now.to_r * 1000).to_i, ms, 60_000

    assert_equal "00000000-0000-0000-0000-000000000000", LibSecrets.uuid_format("\0".b * 16)
    assert_equal "01234567-89ab-cdef-fedc-ba9876543210",
                 LibSecrets.uuid_format(["0123456789abcdeffedcba9876543210"].pack("H*"))
    [15, 17, 0].each do |n|
      e = assert_raises(ArgumentError) { LibSecrets.uuid_format("\0".b * n) }
      assert_equal LibSecrets::Status::ERR_INVALID_ARGUMENT, e.status
    end
    assert_raises(TypeError) { LibSecrets.uuid_format(nil) }
  end
end
