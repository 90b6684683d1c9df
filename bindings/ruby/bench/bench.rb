# frozen_string_literal: true

# Per-call cost of the Ruby binding, side by side in one run:
#   LibSecrets.token_bytes(16) vs SecureRandom.random_bytes(16)
#   LibSecrets.token_hex(16)   vs SecureRandom.hex(16)
# and the same two calls from a C loop (bench.c, compiled here with $CC or
# cc), for the binding-overhead ratio.
#
#   cd bindings/ruby && ruby bench/bench.rb [ITERATIONS]
#
# LIBSECRETS_PATH selects the library (default: ../../target/release);
# SECRETS_INCLUDE_DIR the header directory (default: ../../include).
# Each figure is CPU time (user + system, so the getrandom system calls
# count) per call, the best of 3 runs: the machine may be shared, and wall
# time would count other processes.

$LOAD_PATH.unshift(File.expand_path("../lib", __dir__))
root = File.expand_path("../../..", __dir__)
unless ENV["LIBSECRETS_PATH"] && !ENV["LIBSECRETS_PATH"].empty?
  built = File.join(root, "target/release/libsecrets.so")
  ENV["LIBSECRETS_PATH"] = built if File.exist?(built)
end

require "benchmark"
require "securerandom"
require "open3"
require "tmpdir"
require "libsecrets"

N = Integer(ARGV[0] || ENV["BENCH_N"] || 200_000)
ROUNDS = 3

CASES = {
  "token_bytes(16)" => {
    "LibSecrets.token_bytes(16)" => proc { LibSecrets.token_bytes(16) },
    "SecureRandom.random_bytes(16)" => proc { SecureRandom.random_bytes(16) }
  },
  "token_hex(16)" => {
    "LibSecrets.token_hex(16)" => proc { LibSecrets.token_hex(16) },
    "SecureRandom.hex(16)" => proc { SecureRandom.hex(16) }
  }
}.freeze

# CPU time (user + system) of the process: unlike wall time, it does not
# count the time other processes on a shared machine hold the cores.
def cpu_now
  Process.clock_gettime(Process::CLOCK_PROCESS_CPUTIME_ID)
end

# ns of CPU time per call of +fn+, best of ROUNDS runs of N calls.
def measure(fn)
  2_000.times(&fn) # warm up
  Array.new(ROUNDS) do
    t0 = cpu_now
    N.times(&fn)
    (cpu_now - t0) * 1e9 / N
  end.min
end

# The C figures, or nil (with a note) when no compiler or header is found.
def c_figures(root)
  include_dir = ENV["SECRETS_INCLUDE_DIR"] || File.join(root, "include")
  lib = LibSecrets::Native::LIBRARY
  return [nil, "header not found in #{include_dir}"] unless File.exist?(File.join(include_dir, "secrets.h"))
  return [nil, "library #{lib} is not a file path"] unless File.exist?(lib)

  cc = ENV["CC"] || "cc"
  Dir.mktmpdir do |dir|
    exe = File.join(dir, "bench_c")
    _out, err, st = Open3.capture3(cc, "-O2", "-std=c11", "-I", include_dir,
                                   File.join(__dir__, "bench.c"), File.realpath(lib),
                                   "-Wl,-rpath,#{File.dirname(File.realpath(lib))}", "-o", exe)
    return [nil, "compiling bench.c failed: #{err.strip}"] unless st.success?

    out, err, st = Open3.capture3(exe, N.to_s)
    return [nil, "bench_c failed: #{err.strip}"] unless st.success?

    [out.lines.to_h { |l| k, v = l.split; [k, Float(v)] }, nil]
  end
rescue SystemCallError => e
  [nil, e.message]
end

puts "libsecrets #{LibSecrets.version} (#{LibSecrets.entropy_source}) from #{LibSecrets::Native::LIBRARY}"
puts "#{RUBY_DESCRIPTION}, ffi #{FFI::VERSION}; #{N} calls per run, best of #{ROUNDS}"
puts

results = {}
Benchmark.bm(32) do |bm|
  CASES.each_value do |pair|
    pair.each do |label, fn|
      bm.report(label) { N.times(&fn) }
      results[label] = measure(fn)
    end
  end
end

c, note = c_figures(root)
puts
puts format("%-32s %10s", "CPU time per call (best of #{ROUNDS})", "ns/call")
results.each { |label, ns| puts format("%-32s %10.1f", label, ns) }
if c
  puts format("%-32s %10.1f", "C secrets_token_bytes(16)", c["token_bytes16"])
  puts format("%-32s %10.1f", "C secrets_token_hex(16)", c["token_hex16"])
else
  puts "(C loop skipped: #{note})"
end

puts
puts "Ratios (lower is faster for LibSecrets):"
puts format("  token_bytes(16): LibSecrets / SecureRandom = %.2f",
            results["LibSecrets.token_bytes(16)"] / results["SecureRandom.random_bytes(16)"])
puts format("  token_hex(16):   LibSecrets / SecureRandom = %.2f",
            results["LibSecrets.token_hex(16)"] / results["SecureRandom.hex(16)"])
if c
  puts "Binding overhead (Ruby call through FFI vs the same call from C):"
  {
    "token_bytes(16)" => ["LibSecrets.token_bytes(16)", "token_bytes16"],
    "token_hex(16)" => ["LibSecrets.token_hex(16)", "token_hex16"]
  }.each do |name, (ruby_label, c_key)|
    r = results[ruby_label]
    puts format("  %-16s Ruby / C = %.2f (%+.0f ns per call)", "#{name}:", r / c[c_key], r - c[c_key])
  end
end
