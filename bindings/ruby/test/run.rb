# frozen_string_literal: true

# Runs the whole minitest suite: ruby test/run.rb [minitest options]
# (e.g. -v, -n /fork/).  Used by the ctest case ruby_binding.
require_relative "test_helper"
Dir[File.join(__dir__, "test_*.rb")].sort.each { |file| require file }
