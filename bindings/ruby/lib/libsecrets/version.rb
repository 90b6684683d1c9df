# frozen_string_literal: true

module LibSecrets
  # Version of this Ruby binding (the gem).
  VERSION = "0.1.0"

  # Oldest libsecrets (secrets_version()) whose C API has every function the
  # binding attaches.  The version number alone cannot tell a 0.1.0 with the
  # later additions (secrets_equal, the decoders, ...) from one without:
  # Native refuses a library that lacks one of them by name.
  MINIMUM_LIBRARY_VERSION = "0.1.0"

  # Pure-Ruby version check, kept apart from the FFI loader so that it can be
  # tested without loading a library.
  module VersionGuard
    module_function

    # "0.1.0", "0.1.0-dev", "1.2.3+build" -> [0, 1, 0] / [1, 2, 3]; nil when
    # the string does not start with MAJOR.MINOR.PATCH.  A pre-release or
    # build suffix is ignored: docs/reference.md allows one, and the C API of a version
    # is fixed by its MAJOR.MINOR.PATCH.
    def parse(version)
      m = /\A(\d+)\.(\d+)\.(\d+)(?:[-+.][0-9A-Za-z.+-]*)?\z/.match(version.to_s)
      m && m.captures.map(&:to_i)
    end

    # Raises LoadError unless +found+ (the loaded library's secrets_version())
    # is at least +minimum+.
    def check!(found, minimum = MINIMUM_LIBRARY_VERSION, path = "libsecrets")
      have = parse(found)
      need = parse(minimum) or raise ArgumentError, "bad minimum version #{minimum.inspect}"
      if have.nil?
        raise LoadError, "#{path} reports version #{found.inspect}, which is not " \
                         "MAJOR.MINOR.PATCH; the LibSecrets Ruby binding #{VERSION} " \
                         "needs libsecrets >= #{minimum}"
      end
      if (have <=> need) < 0
        raise LoadError, "#{path} is libsecrets #{found}, older than the " \
                         "#{minimum} that the LibSecrets Ruby binding #{VERSION} " \
                         "requires; install a newer libsecrets or point " \
                         "LIBSECRETS_PATH at one"
      end
      true
    end
  end
end
