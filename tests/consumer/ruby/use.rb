# A Ruby script outside the repository using the installed gem.
require "libsecrets"

token = LibSecrets.token_urlsafe(32)
raise "bad token #{token.inspect}" unless token.match?(/\A[A-Za-z0-9_-]{43}\z/)
die = LibSecrets.randbelow(6)
raise "bad die #{die}" unless (0...6).cover?(die)
puts "consumer (Ruby): gem #{Gem.loaded_specs["libsecrets"].full_gem_path}: #{token}"
