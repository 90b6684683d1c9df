# frozen_string_literal: true

require "ffi"
require_relative "version"

module LibSecrets
  # The raw C API (include/secrets.h) attached with FFI, one Ruby method per C
  # function, same names and argument order.  Use the LibSecrets module
  # functions instead: they check arguments, size buffers, map status codes
  # to exceptions and wipe temporary buffers.
  #
  # Buffers are passed as Ruby Strings (:buffer_in / :buffer_out): FFI hands
  # the C function the String's own storage, so no copy is made.
  module Native
    extend FFI::Library

    # Names tried after LIBSECRETS_PATH, in order: the soname first (what an
    # installed library is found by), then the development symlink, macOS,
    # and FFI's own mapping of the bare name.
    FALLBACK_NAMES = %w[libsecrets.so.0 libsecrets.so libsecrets.dylib secrets].freeze

    # The list of libraries to try, LIBSECRETS_PATH first.  LIBSECRETS_PATH
    # may name the library file or the directory holding it.
    def self.candidates(env = ENV["LIBSECRETS_PATH"])
      list = []
      if env && !env.empty?
        if File.directory?(env)
          list.concat(%w[libsecrets.so.0 libsecrets.so libsecrets.dylib].map { |n| File.join(env, n) })
        else
          list << env
        end
      end
      list + FALLBACK_NAMES
    end

    names = candidates
    from_env = names.first(names.size - FALLBACK_NAMES.size)
    failures = []
    loaded = names.find do |name|
      begin
        ffi_lib name
        true
      rescue LoadError => e
        failures << "  #{name}: #{e.message.lines.first.to_s.strip}"
        false
      end
    end
    unless loaded
      raise LoadError, "LibSecrets: cannot load libsecrets. Tried:\n#{failures.join("\n")}\n" \
                       "Build it (cargo build --release) and set " \
                       "LIBSECRETS_PATH=/path/to/libsecrets.so, or install it where the " \
                       "dynamic loader finds it (ldconfig)."
    end
    if !from_env.empty? && !from_env.include?(loaded)
      warn "LibSecrets: LIBSECRETS_PATH=#{ENV["LIBSECRETS_PATH"]} could not be loaded; using #{loaded} instead"
    end

    # The file (or name) the library was loaded from.
    LIBRARY = ffi_libraries.first.name.freeze

    # --- 3. Information: attached first, to refuse an old library with a clear
    # message before any missing symbol is reported.
    begin
      attach_function :secrets_version, [], :string
    rescue FFI::NotFoundError
      raise LoadError, "#{LIBRARY} has no secrets_version(): not libsecrets, or older " \
                       "than #{MINIMUM_LIBRARY_VERSION} (required by the LibSecrets Ruby binding)"
    end
    LIBRARY_VERSION = secrets_version.dup.freeze
    VersionGuard.check!(LIBRARY_VERSION, MINIMUM_LIBRARY_VERSION, LIBRARY)

    # --- 2-3. Status, constants, sizes
    attach_function :secrets_strerror, [:int32], :string
    attach_function :secrets_entropy_source, [], :string
    attach_function :secrets_default_entropy, [], :size_t
    attach_function :secrets_token_hex_size, [:size_t], :size_t
    attach_function :secrets_token_urlsafe_size, [:size_t], :size_t
    attach_function :secrets_token_base32_size, [:size_t], :size_t

    # --- 4. Python secrets parity
    attach_function :secrets_token_bytes, %i[buffer_out size_t], :int32
    attach_function :secrets_token_hex, %i[buffer_out size_t size_t], :int32
    attach_function :secrets_token_urlsafe, %i[buffer_out size_t size_t], :int32
    attach_function :secrets_randbelow_u64, %i[uint64 buffer_out], :int32
    attach_function :secrets_randbelow, %i[buffer_in size_t buffer_out], :int32
    attach_function :secrets_randbits_u64, %i[uint32 buffer_out], :int32
    attach_function :secrets_randbits, %i[size_t buffer_out size_t], :int32
    attach_function :secrets_choice_index, %i[size_t buffer_out], :int32
    attach_function :secrets_choice, %i[buffer_in size_t size_t buffer_out], :int32
    attach_function :secrets_compare_digest, %i[buffer_in size_t buffer_in size_t], :int32
    attach_function :secrets_compare_digest_str, %i[string string], :int32

    # --- 5. SystemRandom: floats, ranges, sequences, distributions
    attach_function :secrets_random, %i[buffer_out], :int32
    attach_function :secrets_uniform, %i[double double buffer_out], :int32
    attach_function :secrets_randrange, %i[int64 int64 int64 buffer_out], :int32
    attach_function :secrets_randint, %i[int64 int64 buffer_out], :int32
    attach_function :secrets_shuffle, %i[buffer_inout size_t size_t], :int32
    attach_function :secrets_sample, %i[size_t size_t buffer_out], :int32
    attach_function :secrets_choices, %i[buffer_in size_t size_t buffer_out], :int32
    attach_function :secrets_triangular, %i[double double double buffer_out], :int32
    attach_function :secrets_normalvariate, %i[double double buffer_out], :int32
    attach_function :secrets_gauss, %i[double double buffer_out], :int32
    attach_function :secrets_lognormvariate, %i[double double buffer_out], :int32
    attach_function :secrets_expovariate, %i[double buffer_out], :int32
    attach_function :secrets_vonmisesvariate, %i[double double buffer_out], :int32
    attach_function :secrets_gammavariate, %i[double double buffer_out], :int32
    attach_function :secrets_betavariate, %i[double double buffer_out], :int32
    attach_function :secrets_paretovariate, %i[double buffer_out], :int32
    attach_function :secrets_weibullvariate, %i[double double buffer_out], :int32
    attach_function :secrets_binomialvariate, %i[uint64 double buffer_out], :int32

    # --- 6. Tokens, passwords, passphrases, UUIDs, hygiene
    attach_function :secrets_token_base32, %i[buffer_out size_t size_t], :int32
    attach_function :secrets_token_chars, %i[buffer_out size_t size_t buffer_in size_t], :int32

    # struct secrets_password_policy
    class PasswordPolicy < FFI::Struct
      layout :length, :size_t,
             :alphabet, :pointer,
             :alphabet_len, :size_t,
             :min_lower, :size_t,
             :min_upper, :size_t,
             :min_digits, :size_t,
             :min_symbols, :size_t
    end

    attach_function :secrets_password, [:pointer, :size_t, PasswordPolicy.by_ref], :int32
    attach_function :secrets_password_entropy, [PasswordPolicy.by_ref, :buffer_out], :int32
    attach_function :secrets_passphrase, %i[pointer size_t size_t buffer_in size_t string], :int32
    attach_function :secrets_uuid4, %i[buffer_out size_t], :int32
    attach_function :secrets_uuid7, %i[buffer_out size_t], :int32
    attach_function :secrets_memzero, %i[pointer size_t], :void

    # --- 8. Additions: fail-closed equality, size helpers, binary UUIDs,
    # standard base64, constant-time decoders, the built-in word list.  A
    # library that lacks them is refused by name, not with FFI's error.
    begin
      attach_function :secrets_equal, %i[buffer_in size_t buffer_in size_t], :bool
      attach_function :secrets_token_chars_size, %i[size_t buffer_in size_t buffer_out], :int32
      attach_function :secrets_password_size, [PasswordPolicy.by_ref, :buffer_out], :int32
      attach_function :secrets_passphrase_size, %i[size_t buffer_in size_t string buffer_out], :int32
      attach_function :secrets_uuid4_bytes, %i[buffer_out size_t], :int32
      attach_function :secrets_uuid7_bytes, %i[buffer_out size_t], :int32
      attach_function :secrets_uuid_format, %i[buffer_in size_t buffer_out size_t], :int32
      attach_function :secrets_token_base64, %i[buffer_out size_t size_t], :int32
      attach_function :secrets_token_base64_size, [:size_t], :size_t
      attach_function :secrets_hex_decode, %i[buffer_out size_t buffer_in size_t buffer_out], :int32
      attach_function :secrets_base64_decode, %i[buffer_out size_t buffer_in size_t buffer_out], :int32
      attach_function :secrets_base64url_decode, %i[buffer_out size_t buffer_in size_t buffer_out], :int32
      attach_function :secrets_passphrase_eff, %i[pointer size_t size_t string], :int32
      attach_function :secrets_passphrase_eff_size, %i[size_t string buffer_out], :int32
    rescue FFI::NotFoundError => e
      raise LoadError, "#{LIBRARY} (libsecrets #{LIBRARY_VERSION}) lacks a function the LibSecrets " \
                       "Ruby binding #{VERSION} needs (#{e.message.lines.first.to_s.strip}); " \
                       "install a newer libsecrets or point LIBSECRETS_PATH at one"
    end
  end
end
