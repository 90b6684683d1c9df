# frozen_string_literal: true

# `require "secrets"` gives the module under the name Python programmers expect,
# `Secrets.token_hex(32)`.  The gem itself only defines `LibSecrets`, so that
# a plain `require "libsecrets"` never claims a global name another gem may use.
require_relative "libsecrets"

Secrets = LibSecrets unless defined?(Secrets)
