# frozen_string_literal: true

require_relative "test_helper"

class TestText < Minitest::Test
  include LibSecretsTestHelpers

  def test_token_chars_ascii
    t = LibSecrets.token_chars(40, "abc")
    assert_equal 40, t.size
    assert_match(/\A[abc]+\z/, t)
    assert_equal Encoding::UTF_8, t.encoding
    assert_equal "", LibSecrets.token_chars(0, "abc")
    assert_equal "", LibSecrets.token_chars(0, "")
    assert_equal "x" * 10, LibSecrets.token_chars(10, "x")
    assert_equal %w[0 1], LibSecrets.token_chars(100, %w[0 1]).chars.uniq.sort
  end

  def test_token_chars_unicode
    t = LibSecrets.token_chars(60, "aé€😀")
    assert_equal 60, t.size
    assert t.valid_encoding?
    assert_equal %w[a é € 😀].sort, t.chars.uniq.sort
    u = LibSecrets.token_chars(30, "ab€".encode("UTF-16LE"))
    assert_match(/\A[ab€]{30}\z/, u)
    assert_equal %w[é], LibSecrets.token_chars(5, "é".b).chars.uniq
  end

  def test_token_chars_errors
    e = assert_raises(IndexError) { LibSecrets.token_chars(1, "") }
    assert_equal LibSecrets::Status::ERR_EMPTY, e.status
    e = assert_raises(ArgumentError) { LibSecrets.token_chars(3, "ab\xff".b) }
    assert_equal LibSecrets::Status::ERR_INVALID_UTF8, e.status
    e = assert_raises(ArgumentError) { LibSecrets.token_chars(3, "a\0b") }
    assert_equal LibSecrets::Status::ERR_INVALID_ARGUMENT, e.status
    assert_raises(ArgumentError) { LibSecrets.token_chars(-1, "ab") }
    assert_raises(TypeError) { LibSecrets.token_chars(3, nil) }
    assert_raises(TypeError) { LibSecrets.token_chars(3, :ab) }
  end

  def test_password_default
    pw = LibSecrets.password
    assert_equal 16, pw.size
    assert_match(/\A[A-Za-z0-9]{16}\z/, pw)
    assert_equal Encoding::UTF_8, pw.encoding
    assert_equal "", LibSecrets.password(length: 0)
    assert_equal 100, (1..100).map { LibSecrets.password }.uniq.size
  end

  def test_password_minimums
    50.times do
      pw = LibSecrets.password(length: 12, min_lower: 2, min_upper: 3, min_digits: 4)
      assert_equal 12, pw.size
      assert_operator pw.count("a-z"), :>=, 2
      assert_operator pw.count("A-Z"), :>=, 3
      assert_operator pw.count("0-9"), :>=, 4
    end
    30.times do
      pw = LibSecrets.password(length: 8, alphabet: "abcXYZ12!?€", min_symbols: 3, min_digits: 1)
      assert_equal 8, pw.size
      assert_match(/\A[abcXYZ12!?€]{8}\z/, pw)
      assert_operator pw.count("!?€"), :>=, 3
      assert_operator pw.count("12"), :>=, 1
    end
    assert_equal "aaaa", LibSecrets.password(length: 4, alphabet: "a")
    assert_match(/\A[xy]{5}\z/, LibSecrets.password(length: 5, alphabet: %w[x y]))
  end

  def test_password_errors
    e = assert_raises(LibSecrets::UnsatisfiableError) { LibSecrets.password(length: 3, min_digits: 2, min_upper: 2) }
    assert_kind_of ArgumentError, e
    assert_equal LibSecrets::Status::ERR_UNSATISFIABLE, e.status
    assert_raises(LibSecrets::UnsatisfiableError) { LibSecrets.password(length: 8, alphabet: "abc", min_digits: 1) }
    assert_raises(LibSecrets::UnsatisfiableError) { LibSecrets.password(length: 8, min_symbols: 1) }
    e = assert_raises(ArgumentError) { LibSecrets.password(alphabet: "abca") }
    assert_equal LibSecrets::Status::ERR_INVALID_ARGUMENT, e.status
    assert_raises(ArgumentError) { LibSecrets.password(alphabet: "ab\xfe".b) }
    assert_raises(IndexError) { LibSecrets.password(length: 3, alphabet: "") }
    assert_raises(ArgumentError) { LibSecrets.password(length: -1) }
    assert_raises(ArgumentError) { LibSecrets.password(min_lower: -1) }
    assert_raises(TypeError) { LibSecrets.password(length: "16") }
    assert_raises(LibSecrets::TooLargeError) { LibSecrets.password(length: 2**64 - 1) }
    e = assert_raises(LibSecrets::TooLargeError) { LibSecrets.password(length: 4097) } # SECRETS_PASSWORD_MAX_LENGTH + 1
    assert_equal LibSecrets::Status::ERR_TOO_LARGE, e.status
    assert_raises(ArgumentError) { LibSecrets.password(alphabet: "ab\0c") }
  end

  def test_password_long
    pw = LibSecrets.password(length: 1024, min_symbols: 0, min_digits: 10)
    assert_equal 1024, pw.size
    assert_operator pw.count("0-9"), :>=, 10
  end

  def test_password_entropy
    assert_in_delta 16 * Math.log2(62), LibSecrets.password_entropy, 1e-6
    assert_in_delta 0.0, LibSecrets.password_entropy(length: 0), 1e-12
    assert_in_delta 10.0, LibSecrets.password_entropy(length: 10, alphabet: "01"), 1e-9
    with_min = LibSecrets.password_entropy(length: 10, min_digits: 3)
    assert_operator with_min, :<, LibSecrets.password_entropy(length: 10)
    assert_operator with_min, :>, 0
    assert_in_delta Math.log2(2**10 - 11), LibSecrets.password_entropy(length: 10, alphabet: "a1", min_digits: 2), 1e-9
    assert_raises(LibSecrets::UnsatisfiableError) { LibSecrets.password_entropy(length: 1, min_digits: 2) }
    assert_raises(ArgumentError) { LibSecrets.password_entropy(alphabet: "aa") }
  end

  WORDS = %w[correct horse battery staple].freeze

  def test_passphrase
    p = LibSecrets.passphrase(WORDS, 5)
    parts = p.split(" ")
    assert_equal 5, parts.size
    assert(parts.all? { |w| WORDS.include?(w) })
    assert_equal Encoding::UTF_8, p.encoding
    assert_equal 4, LibSecrets.passphrase(WORDS, 4, separator: "-").split("-").size
    assert_equal 3, LibSecrets.passphrase(WORDS, 3, separator: nil).split(" ").size
    assert_match(/\A(?:correct|horse|battery|staple){3}\z/, LibSecrets.passphrase(WORDS, 3, separator: ""))
    assert_equal "", LibSecrets.passphrase(WORDS, 0)
    assert_equal "", LibSecrets.passphrase([], 0)
    assert_equal "x x", LibSecrets.passphrase(["x"], 2)
    uni = LibSecrets.passphrase(%w[élan 😀 ü], 6, separator: "·")
    assert uni.valid_encoding?
    assert(uni.split("·").all? { |w| %w[élan 😀 ü].include?(w) })
    seen = draw_until_all(WORDS) { LibSecrets.passphrase(WORDS, 1) }
    assert_equal WORDS.sort, seen.sort
  end

  def test_passphrase_errors
    e = assert_raises(IndexError) { LibSecrets.passphrase([], 1) }
    assert_equal LibSecrets::Status::ERR_EMPTY, e.status
    assert_raises(ArgumentError) { LibSecrets.passphrase(["a\0b"], 1) }
    assert_raises(ArgumentError) { LibSecrets.passphrase(["ok"], 1, separator: "\0") }
    assert_raises(ArgumentError) { LibSecrets.passphrase(["\xff".b], 1) }
    assert_raises(ArgumentError) { LibSecrets.passphrase(["ok"], 2, separator: "\xc3".b) }
    assert_raises(ArgumentError) { LibSecrets.passphrase(["ok"], -1) }
    assert_raises(TypeError) { LibSecrets.passphrase([:ok], 1) }
    assert_raises(TypeError) { LibSecrets.passphrase(["ok"], "1") }
  end

  EFF_WORD = /\A[a-z][a-z-]{1,7}[a-z]\z/.freeze # 3 to 9 characters of a-z and -

  def test_passphrase_eff
    assert_equal 7776, LibSecrets::EFF_WORDLIST_LEN
    p = LibSecrets.passphrase_eff(6)
    words = p.split(" ")
    assert_equal 6, words.size
    words.each { |w| assert_match EFF_WORD, w }
    assert_equal Encoding::UTF_8, p.encoding
    assert_equal 4, LibSecrets.passphrase_eff(4, separator: "·").split("·").size
    assert_equal 3, LibSecrets.passphrase_eff(3, separator: nil).split(" ").size
    assert_equal 5, LibSecrets.passphrase_eff(5, separator: "🔑").split("🔑").size
    assert_includes 3..27, LibSecrets.passphrase_eff(3, separator: "").size
    assert_equal "", LibSecrets.passphrase_eff(0)
    assert_equal 1, LibSecrets.passphrase_eff(1).split(" ").size
    # A long list: about 2.5 repeats among 200 draws of 7776 words.
    assert_operator LibSecrets.passphrase_eff(200).split(" ").uniq.size, :>=, 190
  end

  def test_passphrase_eff_errors
    assert_raises(ArgumentError) { LibSecrets.passphrase_eff(-1) }
    assert_raises(TypeError) { LibSecrets.passphrase_eff("6") }
    assert_raises(ArgumentError) { LibSecrets.passphrase_eff(3, separator: "a\0b") }
    e = assert_raises(ArgumentError) { LibSecrets.passphrase_eff(3, separator: "\xff".b) }
    assert_equal LibSecrets::Status::ERR_INVALID_UTF8, e.status
    e = assert_raises(LibSecrets::TooLargeError) { LibSecrets.passphrase_eff(2**62) }
    assert_equal LibSecrets::Status::ERR_TOO_LARGE, e.status
  end

  # The buffers are sized by the library's size helpers, for characters of
  # every width, and arguments are checked before any buffer is made.
  def test_sized_by_library
    { "ab" => 1, "é" => 2, "日" => 3, "𝄞" => 4 }.each do |alphabet, width|
      t = LibSecrets.token_chars(500, alphabet)
      assert_equal 500, t.size
      assert_equal 500 * width, t.bytesize
    end
    mixed = LibSecrets.token_chars(50, "a𝄞")
    assert_equal 50, mixed.size
    assert_equal 50 + 3 * mixed.count("𝄞"), mixed.bytesize
    pw = LibSecrets.password(length: 30, alphabet: "日本語aB1", min_upper: 1, min_digits: 1, min_symbols: 2)
    assert_equal 30, pw.size
    assert pw.valid_encoding?
    e = assert_raises(LibSecrets::TooLargeError) { LibSecrets.password(length: 2**40) }
    assert_equal LibSecrets::Status::ERR_TOO_LARGE, e.status
    assert_raises(IndexError) { LibSecrets.token_chars(2**40, "") }
    assert_raises(LibSecrets::TooLargeError) { LibSecrets.token_chars(2**63, "é") }
    assert_raises(LibSecrets::TooLargeError) { LibSecrets.passphrase(%w[ab cd], 2**63, separator: "--") }
    assert_equal 3, LibSecrets.passphrase(%w[日本 x], 3, separator: "·").split("·").size
    # Past the first guess: the library's size helper sizes the buffer.
    assert_equal 300_000, LibSecrets.passphrase(%w[日本 x], 300_000, separator: "-").split("-").size
    # A first buffer the library finds too small: the second try has the
    # size the size helper gives.
    t = LibSecrets::Internal.text_var(1, "t", resize: -> { 33 }) { |ptr, n| LibSecrets::Native.secrets_token_hex(ptr, n, 16) }
    assert_match(/\A\h{32}\z/, t)
    assert_raises(LibSecrets::Error) { LibSecrets::Internal.text_var(1, "t") { |ptr, n| LibSecrets::Native.secrets_token_hex(ptr, n, 16) } }
  end
end

