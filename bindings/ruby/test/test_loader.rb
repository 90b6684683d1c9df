# frozen_string_literal: true

require_relative "test_helper"
require "open3"
require "rbconfig"
require "tmpdir"

class TestLoader < Minitest::Test
  G = LibSecrets::VersionGuard
  LIB_DIR = File.expand_path("../lib", __dir__)

  def test_parse
    assert_equal [0, 1, 0], G.parse("0.1.0")
    assert_equal [0, 1, 0], G.parse("0.1.0-dev")
    assert_equal [1, 22, 333], G.parse("1.22.333+build.5")
    assert_nil G.parse("1.2")
    assert_nil G.parse("v1.2.3")
    assert_nil G.parse("")
    assert_nil G.parse(nil)
  end

  def test_check
    assert G.check!("0.1.0", "0.1.0")
    assert G.check!("0.1.0-dev", "0.1.0")
    assert G.check!("0.1.1", "0.1.0")
    assert G.check!("0.10.0", "0.9.0")
    assert G.check!("1.0.0", "0.1.0")
    e = assert_raises(LoadError) { G.check!("0.0.9", "0.1.0", "/x/libsecrets.so") }
    assert_match(/older/, e.message)
    assert_includes e.message, "/x/libsecrets.so"
    assert_includes e.message, "0.0.9"
    assert_includes e.message, "0.1.0"
    assert_raises(LoadError) { G.check!("0.9.9", "0.10.0") }
    assert_raises(LoadError) { G.check!("garbage", "0.1.0") }
  end

  def test_require_secrets_gives_the_api_md_name
    require "secrets"
    assert_same LibSecrets, Secrets
    assert_match(/\A\h{64}\z/, Secrets.token_hex(32))
  end

  def test_loaded_library_is_new_enough
    assert G.check!(LibSecrets.version)
    assert_equal LibSecrets::Native::LIBRARY_VERSION, LibSecrets.version
  end

  def test_candidates_order
    fallback = %w[libsecrets.so.0 libsecrets.so libsecrets.dylib secrets]
    assert_equal fallback, LibSecrets::Native.candidates(nil)
    assert_equal fallback, LibSecrets::Native.candidates("")
    assert_equal ["/opt/x/libsecrets.so"] + fallback, LibSecrets::Native.candidates("/opt/x/libsecrets.so")
    Dir.mktmpdir do |dir|
      assert_equal %w[libsecrets.so.0 libsecrets.so libsecrets.dylib].map { |n| File.join(dir, n) } + fallback,
                   LibSecrets::Native.candidates(dir)
    end
  end

  # Runs `require "libsecrets"` in a fresh Ruby with +env+.
  def load_in_subprocess(env, code = 'puts LibSecrets.version; puts LibSecrets::Native::LIBRARY')
    Open3.capture3(env, RbConfig.ruby, "-I", LIB_DIR, "-e", "require 'libsecrets'; #{code}")
  end

  def compile_fake(dir, source)
    cc = ENV["CC"] || "cc"
    skip "no C compiler (#{cc}) to build a fake old library" unless system(cc, "--version", out: File::NULL, err: File::NULL)
    src = File.join(dir, "fake.c")
    lib = File.join(dir, "libsecrets.so")
    File.write(src, source)
    _out, err, st = Open3.capture3(cc, "-shared", "-fPIC", "-o", lib, src)
    assert st.success?, "compiling the fake library failed: #{err}"
    lib
  end

  # A library reporting an old version is refused with a clear LoadError.
  def test_old_library_refused
    Dir.mktmpdir do |dir|
      lib = compile_fake(dir, <<~C)
        const char *secrets_version(void) { return "0.0.9"; }
      C
      _out, err, st = load_in_subprocess("LIBSECRETS_PATH" => lib)
      refute st.success?
      assert_match(/LoadError/, err)
      assert_match(/libsecrets 0\.0\.9, older than the #{Regexp.escape(LibSecrets::MINIMUM_LIBRARY_VERSION)}/, err)
      assert_includes err, lib
    end
  end

  # A library without secrets_version() (not libsecrets, or far too old).
  def test_library_without_version_refused
    Dir.mktmpdir do |dir|
      lib = compile_fake(dir, <<~C)
        int secrets_token_bytes(void *p, unsigned long n) { (void)p; (void)n; return 0; }
      C
      _out, err, st = load_in_subprocess("LIBSECRETS_PATH" => lib)
      refute st.success?
      assert_match(/LoadError/, err)
      assert_includes err, "has no secrets_version()"
    end
  end

  # A library of the right version that lacks the later additions
  # (secrets_equal, the decoders, ...): refused with a LoadError naming the
  # missing function, not FFI's error.  The fake exports every other
  # function of the real library.
  def test_library_without_additions_refused
    real = LibSecrets::Native::LIBRARY
    skip "the library was not loaded from a file path" unless File.exist?(real)
    out, _err, st = Open3.capture3("nm", "-D", "--defined-only", real)
    skip "nm cannot list #{real}" unless st.success?
    additions = %w[secrets_equal secrets_token_chars_size secrets_password_size secrets_passphrase_size
                   secrets_uuid4_bytes secrets_uuid7_bytes secrets_uuid_format secrets_token_base64
                   secrets_token_base64_size secrets_hex_decode secrets_base64_decode secrets_base64url_decode
                   secrets_passphrase_eff secrets_passphrase_eff_size]
    names = out.lines.map { |l| l.split.last.to_s.sub(/@.*/, "") }.grep(/\Asecrets_\w+\z/).uniq - additions - %w[secrets_version]
    assert_includes names, "secrets_token_bytes"
    Dir.mktmpdir do |dir|
      lib = compile_fake(dir, <<~C + names.map { |n| "int #{n}(void) { return 0; }\n" }.join)
        const char *secrets_version(void) { return "#{LibSecrets::MINIMUM_LIBRARY_VERSION}"; }
      C
      _out, err, st = load_in_subprocess("LIBSECRETS_PATH" => lib)
      refute st.success?
      assert_match(/LoadError/, err)
      assert_includes err, "lacks a function"
      assert_includes err, "secrets_equal"
      assert_includes err, lib
    end
  end

  # LIBSECRETS_PATH that cannot be loaded: the soname fallback is used (found
  # here through LD_LIBRARY_PATH), with a warning.
  def test_fallback_to_soname
    real = LibSecrets::Native::LIBRARY
    skip "the library was not loaded from a file path" unless File.exist?(real)
    dir = File.dirname(real)
    skip "no libsecrets.so.0 next to #{real}" unless File.exist?(File.join(dir, "libsecrets.so.0"))
    out, err, st = load_in_subprocess("LIBSECRETS_PATH" => "/nonexistent/libsecrets.so",
                                      "LD_LIBRARY_PATH" => dir)
    assert st.success?, err
    assert_equal LibSecrets.version, out.lines.first.strip
    assert_equal "libsecrets.so.0", out.lines.last.strip
    assert_includes err, "LIBSECRETS_PATH=/nonexistent/libsecrets.so could not be loaded"
  end

  # LIBSECRETS_PATH may name the directory.
  def test_directory_in_env
    real = LibSecrets::Native::LIBRARY
    skip "the library was not loaded from a file path" unless File.exist?(real)
    out, err, st = load_in_subprocess("LIBSECRETS_PATH" => File.dirname(real))
    assert st.success?, err
    assert_equal LibSecrets.version, out.lines.first.strip
    assert_empty err
  end

  # Nothing loadable: a LoadError listing every name tried and how to fix it.
  def test_nothing_found
    Dir.mktmpdir do |dir|
      env = { "LIBSECRETS_PATH" => File.join(dir, "missing.so"), "LD_LIBRARY_PATH" => dir }
      probe = Open3.capture3(env, RbConfig.ruby, "-rffi", "-e",
                             'begin; FFI::DynamicLibrary.open("libsecrets.so.0", 0); exit 0; rescue LoadError; exit 1; end')
      skip "a libsecrets is installed system-wide" if probe[2].success?
      _out, err, st = load_in_subprocess(env)
      refute st.success?
      assert_includes err, "cannot load libsecrets"
      %w[missing.so libsecrets.so.0 libsecrets.so libsecrets.dylib secrets].each { |n| assert_includes err, n }
      assert_includes err, "LIBSECRETS_PATH"
    end
  end
end
