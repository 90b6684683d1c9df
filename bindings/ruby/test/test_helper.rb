# frozen_string_literal: true

# Shared setup for the LibSecrets tests.  Run them all with
#   ruby test/run.rb
# from bindings/ruby (LIBSECRETS_PATH defaults to the crate's
# target/release/libsecrets.so when that file exists).

$LOAD_PATH.unshift(File.expand_path("../lib", __dir__))
$LOAD_PATH.unshift(__dir__)

unless ENV["LIBSECRETS_PATH"] && !ENV["LIBSECRETS_PATH"].empty?
  built = File.expand_path("../../../target/release/libsecrets.so", __dir__)
  ENV["LIBSECRETS_PATH"] = built if File.exist?(built)
end

require "minitest/autorun"
require "libsecrets"

module LibSecretsTestHelpers
  HEX = /\A[0-9a-f]*\z/.freeze
  URLSAFE = /\A[A-Za-z0-9_-]*\z/.freeze
  BASE32 = /\A[A-Z2-7]*\z/.freeze
  UUID4 = /\A\h{8}-\h{4}-4\h{3}-[89ab]\h{3}-\h{12}\z/.freeze
  UUID7 = /\A\h{8}-\h{4}-7\h{3}-[89ab]\h{3}-\h{12}\z/.freeze

  # Draws until every value in +expected+ was seen (at most +tries+ draws);
  # returns the set of values seen.
  def draw_until_all(expected, tries = 2000)
    seen = {}
    tries.times do
      seen[yield] = true
      break if expected.all? { |v| seen.key?(v) }
    end
    seen.keys
  end

  def assert_lowercase_utf8(text)
    assert_equal Encoding::UTF_8, text.encoding
    assert text.valid_encoding?
    assert_equal text.downcase, text
  end
end
