# frozen_string_literal: true

require_relative "test_helper"

class TestConcurrency < Minitest::Test
  THREADS = 16
  PER_THREAD = 200

  def test_threads_unique
    results = Array.new(THREADS) do
      Thread.new do
        Array.new(PER_THREAD) do |i|
          case i % 7
          when 0 then LibSecrets.token_hex(16)
          when 1 then LibSecrets.token_urlsafe(16)
          when 2 then LibSecrets.uuid4
          when 3 then LibSecrets.token_base64(16)
          when 4 then LibSecrets.uuid_format(LibSecrets.uuid4_bytes)
          when 5 then LibSecrets.passphrase_eff(8)
          else LibSecrets.randbelow(2**128).to_s
          end
        end
      end
    end.flat_map(&:value)
    assert_equal THREADS * PER_THREAD, results.size
    assert_equal results.size, results.uniq.size
  end

  def test_threads_mixed_calls_and_errors
    errors = Queue.new
    Array.new(8) do
      Thread.new do
        100.times do
          LibSecrets.shuffle((1..20).to_a)
          LibSecrets.password(length: 12, min_digits: 2)
          begin
            LibSecrets.choice([])
          rescue IndexError
            nil
          end
          key = LibSecrets.token_bytes(32)
          raise "base64_decode" unless LibSecrets.base64_decode([key].pack("m0")) == key
          raise "hex_decode" unless LibSecrets.equal?(LibSecrets.hex_decode(key.unpack1("H*")), key)
          begin
            LibSecrets.base64url_decode("A")
            raise "base64url_decode accepted a bad text"
          rescue ArgumentError
            nil
          end
        end
      rescue StandardError => e
        errors << e
      end
    end.each(&:join)
    assert errors.empty?, -> { errors.pop.full_message }
  end

  def test_uuid7_increasing_across_threads
    ids = Array.new(4) do
      Thread.new { Array.new(250) { |i| i.odd? ? LibSecrets.uuid7 : LibSecrets.uuid_format(LibSecrets.uuid7_bytes) } }
    end.map(&:value)
    ids.each { |list| assert_equal list.sort, list }
    assert_equal 1000, ids.flatten.uniq.size
  end

  FORKS = 50

  # The classic failure: a generator with state in the process repeats its
  # output in forked children.  Every child draws after the fork; all the
  # values (and the parent's) must differ.
  def test_fork_unique
    skip "no fork on this platform" unless Process.respond_to?(:fork)

    parent = [LibSecrets.token_hex(16), LibSecrets::Random.hex(16)]
    outputs = []
    FORKS.times do
      reader, writer = IO.pipe
      pid = Process.fork do
        reader.close
        writer.puts [LibSecrets.token_hex(16), LibSecrets::Random.hex(16), LibSecrets.randbits(128),
                     LibSecrets.uuid4_bytes.unpack1("H*")].join(" ")
        writer.close
        exit!(0)
      end
      writer.close
      outputs << reader.read
      reader.close
      _, status = Process.wait2(pid)
      assert status.success?
    end
    values = outputs.flat_map(&:split)
    assert_equal FORKS * 4, values.size
    assert_equal values.size, values.uniq.size, "every child drew different values"
    assert_empty values & parent
  end
end
