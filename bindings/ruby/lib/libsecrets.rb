# frozen_string_literal: true

# LibSecrets: Python's `secrets` module (and random.SystemRandom) for Ruby,
# over libsecrets' C API with the ffi gem.  Every value comes from the
# library, which draws fresh randomness from the operating system on each
# call: no state in Ruby or in the library, so it is thread-safe and
# fork-safe.
#
#   require "libsecrets"
#   LibSecrets.token_hex(16)            #=> "3f0c...": 32 hex characters
#   LibSecrets.randbelow(10**30)        #=> an Integer in [0, 10**30)
#   LibSecrets.password(length: 20, min_digits: 2)
#   LibSecrets.passphrase_eff(6)        # built-in EFF word list, 77.5 bits
#   LibSecrets.base64_decode(key_text)  # constant-time decoders
#   LibSecrets::Random.alphanumeric(12) # SecureRandom's interface
#
# Errors: bad arguments raise ArgumentError (LibSecrets::TooLargeError and
# LibSecrets::UnsatisfiableError are ArgumentErrors), wrong types TypeError,
# an empty sequence IndexError, a failing OS randomness source
# SystemCallError (Errno::EIO), a bug LibSecrets::Error.
module LibSecrets
end

require_relative "libsecrets/version"
require_relative "libsecrets/native"
require_relative "libsecrets/errors"
require_relative "libsecrets/internal"
require_relative "libsecrets/tokens"
require_relative "libsecrets/decoders"
require_relative "libsecrets/integers"
require_relative "libsecrets/sequences"
require_relative "libsecrets/floats"
require_relative "libsecrets/random"
