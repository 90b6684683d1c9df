# frozen_string_literal: true

require_relative "lib/libsecrets/version"

# `gem build` packs spec.files relative to the current directory: build from
# this directory whatever directory the command was started in, so
#   gem build bindings/ruby/libsecrets.gemspec --output "$PWD/build/libsecrets.gem"
# works from the repository root (an absolute --output puts the .gem outside
# the source tree).
Dir.chdir(__dir__) unless File.identical?(Dir.pwd, __dir__)

Gem::Specification.new do |spec|
  spec.name = "libsecrets"
  spec.version = LibSecrets::VERSION
  spec.summary = "Python's secrets module for Ruby, over the libsecrets C library"
  spec.description = <<~DESC
    Cryptographically secure tokens, integers, choices, shuffles, passwords,
    passphrases, UUIDs and SystemRandom-style distributions, with Python's
    names, computed by libsecrets (a C library drawing fresh randomness from
    the operating system on every call: thread-safe and fork-safe).
    LibSecrets::Random gives SecureRandom's interface (Random::Formatter).
    Needs libsecrets.so (>= #{LibSecrets::MINIMUM_LIBRARY_VERSION}) at run
    time: installed, or named by LIBSECRETS_PATH.
  DESC
  spec.licenses = ["MIT", "Apache-2.0"] # dual-licensed, as the library
  spec.authors = ["libsecrets contributors"]
  spec.required_ruby_version = ">= 2.7"

  spec.files = Dir["lib/**/*.rb"].sort + %w[README.md libsecrets.gemspec]
  spec.require_paths = ["lib"]

  spec.add_dependency "ffi", ">= 1.15", "< 2"
  spec.add_development_dependency "minitest", "~> 5.15"
end
