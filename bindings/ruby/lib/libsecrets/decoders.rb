# frozen_string_literal: true

module LibSecrets
  module_function

  # Decodes hex (an even number of 0-9 a-f A-F, no whitespace) into a binary
  # String, in constant time: no branch or table index depends on the text,
  # and the time depends only on its length, not on where a bad character
  # is.  For a secret read back from a file or the environment, where
  # [text].pack("H*") or unpack would branch on it (and silently accept bad
  # digits).  Bad input raises ArgumentError.
  def hex_decode(text)
    decode(text, :secrets_hex_decode, "LibSecrets.hex_decode") { |n| (n + 1) / 2 }
  end

  # Decodes standard base64 (RFC 4648 section 4: A-Z a-z 0-9 + /, canonical
  # "=" padding, a length that is a multiple of 4, zero unused bits, no
  # whitespace or line breaks: what token_base64 and `openssl rand -base64`
  # write; strip the trailing newline first) into a binary String, in
  # constant time like hex_decode.  Anything else raises ArgumentError.
  def base64_decode(text)
    decode(text, :secrets_base64_decode, "LibSecrets.base64_decode") { |n, pad| n % 4 == 0 ? n / 4 * 3 - pad : n / 4 * 3 + 3 }
  end

  # Decodes base64url (RFC 4648 section 5: A-Z a-z 0-9 - _), unpadded as
  # token_urlsafe writes it or canonically "=" padded, zero unused bits, no
  # whitespace, into a binary String, in constant time like hex_decode.
  # Anything else raises ArgumentError.
  def base64url_decode(text)
    decode(text, :secrets_base64url_decode, "LibSecrets.base64url_decode") do |n, pad|
      n % 4 == 0 ? n / 4 * 3 - pad : n / 4 * 3 + [0, 3, 1, 2][n % 4]
    end
  end

  # The decoders: the block gives the output size from the text's length and
  # its trailing "=" (at most 2): the exact decoded length of a well-formed
  # text (the result is exactly that String, no copy), or an upper bound
  # for a length no well-formed text has, so that the library rejects the
  # text rather than the buffer.
  def decode(text, fn, where)
    raise TypeError, "#{where}: expected a String, not #{text.class}" unless text.is_a?(String)

    n = text.bytesize
    pad = if text.end_with?("==") then 2
          elsif text.end_with?("=") then 1
          else 0
          end
    out = Internal::NUL * yield(n, pad)
    len = Internal::NUL * 8 # the decoded length is not a secret: no wipe
    Errors.check(Native.public_send(fn, out, out.bytesize, text, n, len), where)
    decoded = len.unpack1("J")
    if decoded < out.bytesize # not expected: the size above is exact for every text the library accepts
      short = out.byteslice(0, decoded)
      Native.secrets_memzero(out, out.bytesize)
      out = short
    end
    # The library wrote behind Ruby's back: drop any cached code range.
    out.force_encoding(Encoding::US_ASCII).force_encoding(Encoding::BINARY)
  end
  private_class_method :decode if respond_to?(:private_class_method)
end
