# frozen_string_literal: true

module LibSecrets
  # Status codes of the C API (docs/reference.md section 2).
  module Status
    OK = 0
    ERR_NULL_POINTER = -1
    ERR_BUFFER_TOO_SMALL = -2
    ERR_INVALID_ARGUMENT = -3
    ERR_EMPTY = -4
    ERR_INVALID_UTF8 = -5
    ERR_TOO_LARGE = -6
    ERR_ENTROPY_UNAVAILABLE = -7
    ERR_UNSATISFIABLE = -8
    ERR_INTERNAL = -99
  end

  # Carries the C status code that caused an exception (nil when the binding
  # raised it before calling the library).
  module StatusCode
    attr_accessor :status
  end

  # An internal error: a bug in the binding or the library
  # (SECRETS_ERR_INTERNAL, or a NULL pointer / too-small buffer the binding
  # should never pass, or an unknown status).  Never expected.
  class Error < StandardError
    include StatusCode
  end

  # A size overflows or exceeds a documented limit (SECRETS_ERR_TOO_LARGE).
  # An ArgumentError, so `rescue ArgumentError` catches it.
  class TooLargeError < ::ArgumentError
    include StatusCode
  end

  # A password policy that no string can meet (SECRETS_ERR_UNSATISFIABLE).
  # An ArgumentError, so `rescue ArgumentError` catches it.
  class UnsatisfiableError < ::ArgumentError
    include StatusCode
  end

  # Maps C status codes to Ruby exceptions.
  module Errors
    module_function

    # Returns +status+ if it is not negative, else raises the matching
    # exception with a message naming +where+ (the Ruby method):
    #   INVALID_ARGUMENT, INVALID_UTF8 -> ArgumentError
    #   TOO_LARGE                      -> LibSecrets::TooLargeError (ArgumentError)
    #   UNSATISFIABLE                  -> LibSecrets::UnsatisfiableError (ArgumentError)
    #   EMPTY                          -> IndexError
    #   ENTROPY_UNAVAILABLE            -> SystemCallError (Errno::EIO)
    #   anything else                  -> LibSecrets::Error
    def check(status, where)
      return status if status >= 0

      raise exception_for(status, where)
    end

    def exception_for(status, where)
      message = "#{where}: #{Native.secrets_strerror(status)}"
      error =
        case status
        when Status::ERR_INVALID_ARGUMENT, Status::ERR_INVALID_UTF8 then ::ArgumentError.new(message)
        when Status::ERR_TOO_LARGE then TooLargeError.new(message)
        when Status::ERR_UNSATISFIABLE then UnsatisfiableError.new(message)
        when Status::ERR_EMPTY then ::IndexError.new(message)
        when Status::ERR_ENTROPY_UNAVAILABLE then ::SystemCallError.new(message, Errno::EIO::Errno)
        else Error.new("#{message} (status #{status})")
        end
      error.extend(StatusCode) unless error.is_a?(StatusCode)
      error.status = status
      error
    end
  end
end
