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
end
