# frozen_string_literal: true

require_relative "test_helper"

class TestErrors < Minitest::Test
  S = LibSecrets::Status

  def error_for(status)
    LibSecrets::Errors.exception_for(status, "LibSecrets.example")
  end

  def test_status_values_match_strerror
    assert_equal "success", LibSecrets::Native.secrets_strerror(S::OK)
    S.constants.each do |name|
      refute_empty LibSecrets::Native.secrets_strerror(S.const_get(name))
    end
    refute_equal LibSecrets::Native.secrets_strerror(S::ERR_INTERNAL),
                 LibSecrets::Native.secrets_strerror(-12_345)
  end

  def test_mapping
    {
      S::ERR_INVALID_ARGUMENT => ArgumentError,
      S::ERR_INVALID_UTF8 => ArgumentError,
      S::ERR_TOO_LARGE => LibSecrets::TooLargeError,
      S::ERR_UNSATISFIABLE => LibSecrets::UnsatisfiableError,
      S::ERR_EMPTY => IndexError,
      S::ERR_ENTROPY_UNAVAILABLE => Errno::EIO,
      S::ERR_NULL_POINTER => LibSecrets::Error,
      S::ERR_BUFFER_TOO_SMALL => LibSecrets::Error,
      S::ERR_INTERNAL => LibSecrets::Error,
      -12_345 => LibSecrets::Error
    }.each do |status, klass|
      e = error_for(status)
      assert_instance_of klass, e, "status #{status}"
      assert_equal status, e.status
      assert_includes e.message, "LibSecrets.example: "
      assert_includes e.message, LibSecrets::Native.secrets_strerror(status)
    end
    assert_kind_of ArgumentError, error_for(S::ERR_TOO_LARGE)
    assert_kind_of ArgumentError, error_for(S::ERR_UNSATISFIABLE)
    refute_kind_of ArgumentError, error_for(S::ERR_INTERNAL)
  end

  def test_entropy_failure_is_a_system_call_error
    e = error_for(S::ERR_ENTROPY_UNAVAILABLE)
    assert_kind_of SystemCallError, e
    assert_equal Errno::EIO::Errno, e.errno
  end

  def test_check
    assert_equal 0, LibSecrets::Errors.check(0, "x")
    assert_equal 1, LibSecrets::Errors.check(1, "x")
    assert_raises(IndexError) { LibSecrets::Errors.check(S::ERR_EMPTY, "x") }
    assert_raises(LibSecrets::Error) { LibSecrets::Errors.check(S::ERR_INTERNAL, "x") }
  end

  # A too-small buffer or NULL pointer can only come from a binding bug: it
  # is reported as LibSecrets::Error, not a crash.
  def test_raw_misuse_reported
    status = LibSecrets::Native.secrets_token_hex("\0".b * 4, 4, 16)
    assert_equal S::ERR_BUFFER_TOO_SMALL, status
    assert_raises(LibSecrets::Error) { LibSecrets::Errors.check(status, "x") }
    assert_equal S::ERR_NULL_POINTER, LibSecrets::Native.secrets_token_bytes(nil, 4)
  end
end
