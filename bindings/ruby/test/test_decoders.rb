# frozen_string_literal: true

require_relative "test_helper"

class TestDecoders < Minitest::Test
  DECODERS = {
    hex_decode: ->(raw) { raw.unpack1("H*") },
    base64_decode: ->(raw) { [raw].pack("m0") },
    base64url_decode: ->(raw) { [raw].pack("m0").tr("+/", "-_").delete("=") }
  }.freeze

  # Reference decoders (Ruby's pack, made strict by re-encoding).
  def reference(name, text)
    case name
    when :hex_decode
      return nil unless text.match?(/\A(?:\h\h)*\z/)

      [text].pack("H*")
    when :base64_decode
      return nil unless text.bytesize % 4 == 0 && text.match?(%r{\A[A-Za-z0-9+/]*={0,2}\z})

      raw = text.unpack1("m0") rescue nil # rubocop:disable Style/RescueModifier
      raw if raw && [raw].pack("m0") == text
    else # base64url: unpadded, or canonically padded
      body = text.sub(/={1,2}\z/, "")
      return nil unless body.match?(/\A[A-Za-z0-9_-]*\z/) && body.bytesize % 4 != 1

      std = body.tr("-_", "+/")
      std += "=" * ((4 - std.bytesize % 4) % 4)
      return nil if body.bytesize != text.bytesize && std.bytesize != text.bytesize

      raw = std.unpack1("m0") rescue nil # rubocop:disable Style/RescueModifier
      raw if raw && [raw].pack("m0") == std
    end
  end

  def test_round_trip
    DECODERS.each do |name, enc|
      (0..100).each do |n|
        raw = LibSecrets.token_bytes(n)
        texts = [enc.call(raw)]
        texts << texts.first.upcase if name == :hex_decode
        texts << [raw].pack("m0").tr("+/", "-_") if name == :base64url_decode # padded
        texts.each do |text|
          got = LibSecrets.public_send(name, text)
          assert_equal raw, got, "#{name}(#{text.inspect})"
          assert_equal Encoding::BINARY, got.encoding
          refute got.frozen?
        end
      end
    end
    # The library's own encoders read back.
    [0, 1, 2, 3, 31, 32, 33].each do |n|
      assert_equal n, LibSecrets.base64_decode(LibSecrets.token_base64(n)).bytesize
      assert_equal n, LibSecrets.base64url_decode(LibSecrets.token_urlsafe(n)).bytesize
      assert_equal n, LibSecrets.hex_decode(LibSecrets.token_hex(n)).bytesize
    end
  end

  def test_known
    assert_equal "", LibSecrets.hex_decode("")
    assert_equal "\x00\xff\x7f\x80".b, LibSecrets.hex_decode("00ff7F80")
    assert_equal "secret", LibSecrets.base64_decode("c2VjcmV0")
    assert_equal "secrets", LibSecrets.base64_decode("c2VjcmV0cw==")
    assert_equal "\xfb\xff\xbf".b, LibSecrets.base64_decode("+/+/")
    assert_equal "\xfb\xff\xbf".b, LibSecrets.base64url_decode("-_-_")
    assert_equal "secrets", LibSecrets.base64url_decode("c2VjcmV0cw")
    assert_equal "secrets", LibSecrets.base64url_decode("c2VjcmV0cw==")
    assert_equal "secrets.", LibSecrets.base64url_decode("c2VjcmV0cy4=")
    assert_equal "secrets", LibSecrets.base64_decode("c2VjcmV0cw==".encode("UTF-8").freeze)
  end

  BAD = {
    hex_decode: ["0", "abc", "0g", "g0", " 00", "00 ", "00\n", "0x00", "\0\0", "éé", "+0"],
    base64_decode: %W[A AA AAA AAAAA AB== AAB= A=== ==== =AAA AA=A AA==AAAA AAA=AAAA -_-_ AA\nA AAAA==== c2VjcmV0cw],
    base64url_decode: %W[A AAAAA AB AAB AB== A=== ==== AA= AA=A +/+/ AA==AAAA AAAA= c2VjcmV0cw= AAA===]
  }.freeze

  def test_invalid
    BAD.each do |name, texts|
      texts.each do |text|
        e = assert_raises(ArgumentError, "#{name}(#{text.inspect})") { LibSecrets.public_send(name, text) }
        assert_equal LibSecrets::Status::ERR_INVALID_ARGUMENT, e.status, "#{name}(#{text.inspect})"
        assert_nil reference(name, text), "test case #{name}(#{text.inspect}): the reference accepts it"
      end
      assert_raises(TypeError) { LibSecrets.public_send(name, nil) }
      assert_raises(TypeError) { LibSecrets.public_send(name, 12) }
    end
    # A bad character at every position of a long valid text.
    raw = LibSecrets.token_bytes(48)
    DECODERS.each do |name, enc|
      good = enc.call(raw)
      good.bytesize.times do |i|
        [" ", "\n", "\0", "\xff".b, ".", "~", "*", "="].each do |c|
          next if c == "=" && i >= good.bytesize - 2 && name != :hex_decode # may be valid padding

          text = good.b
          text[i] = c.b
          assert_raises(ArgumentError, "#{name} with #{c.inspect} at #{i}") { LibSecrets.public_send(name, text) }
        end
      end
    end
  end

  # Differential test against Ruby's pack (made strict): random texts over
  # the characters that matter, and encodings with a changed last digit.
  def test_differential
    chars = "AZaz09+/-_=Gg".chars
    DECODERS.each do |name, enc|
      1500.times do |i|
        seed = LibSecrets.token_bytes(1 + i % 13)
        text =
          case i % 3
          when 0 then seed.bytes.map { |b| chars[b % chars.size] }.join
          when 1 then enc.call(seed)
          else enc.call(seed)[0...-1] + chars[seed.getbyte(0) % chars.size]
          end
        want = reference(name, text)
        if want
          assert_equal want, LibSecrets.public_send(name, text), "#{name}(#{text.inspect})"
        else
          assert_raises(ArgumentError, "#{name}(#{text.inspect}) should be rejected") do
            LibSecrets.public_send(name, text)
          end
        end
      end
    end
  end
end
