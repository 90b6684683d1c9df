# frozen_string_literal: true

module LibSecrets
  module_function

  # A Float in [0, 1): a multiple of 2**-53, every one equally likely.
  # Python's random.SystemRandom().random.
  def random
    Internal.scalar("d", "LibSecrets.random") { |buf| Native.secrets_random(buf) }
  end

  # a + (b - a) * random(): a Float between +a+ and +b+.
  def uniform(a, b)
    where = "LibSecrets.uniform"
    fa = Internal.float(a, "a", where)
    fb = Internal.float(b, "b", where)
    Internal.scalar("d", where) { |buf| Native.secrets_uniform(fa, fb, buf) }
  end

  # Triangular distribution on [low, high] with the given +mode+ (nil: the
  # midpoint, as in Python).
  def triangular(low = 0.0, high = 1.0, mode = nil)
    where = "LibSecrets.triangular"
    lo = Internal.float(low, "low", where)
    hi = Internal.float(high, "high", where)
    mo = mode.nil? ? lo / 2 + hi / 2 : Internal.float(mode, "mode", where)
    Internal.scalar("d", where) { |buf| Native.secrets_triangular(lo, hi, mo, buf) }
  end

  # Normal distribution (mean +mu+, standard deviation +sigma+).
  def normalvariate(mu = 0.0, sigma = 1.0)
    call_distribution(:secrets_normalvariate, "normalvariate", mu: mu, sigma: sigma)
  end

  # Normal distribution (Python's gauss; same law as normalvariate).
  def gauss(mu = 0.0, sigma = 1.0)
    call_distribution(:secrets_gauss, "gauss", mu: mu, sigma: sigma)
  end

  # Log-normal distribution: exp of normalvariate(mu, sigma).
  def lognormvariate(mu, sigma)
    call_distribution(:secrets_lognormvariate, "lognormvariate", mu: mu, sigma: sigma)
  end

  # Exponential distribution with rate +lambd+ (mean 1 / lambd).
  def expovariate(lambd = 1.0)
    call_distribution(:secrets_expovariate, "expovariate", lambd: lambd)
  end

  # Von Mises distribution (mean angle +mu+, concentration +kappa+).
  def vonmisesvariate(mu, kappa)
    call_distribution(:secrets_vonmisesvariate, "vonmisesvariate", mu: mu, kappa: kappa)
  end

  # Gamma distribution (shape +alpha+ > 0, scale +beta+ > 0).
  def gammavariate(alpha, beta)
    call_distribution(:secrets_gammavariate, "gammavariate", alpha: alpha, beta: beta)
  end

  # Beta distribution (alpha > 0, beta > 0), values in [0, 1].
  def betavariate(alpha, beta)
    call_distribution(:secrets_betavariate, "betavariate", alpha: alpha, beta: beta)
  end

  # Pareto distribution with shape +alpha+.
  def paretovariate(alpha)
    call_distribution(:secrets_paretovariate, "paretovariate", alpha: alpha)
  end

  # Weibull distribution (scale +alpha+, shape +beta+).
  def weibullvariate(alpha, beta)
    call_distribution(:secrets_weibullvariate, "weibullvariate", alpha: alpha, beta: beta)
  end

  # Binomial distribution: successes in +n+ independent trials with success
  # probability +p+ (an Integer in 0..n).
  def binomialvariate(n = 1, p = 0.5)
    where = "LibSecrets.binomialvariate"
    Internal.integer(n, "n", where)
    raise ArgumentError, "#{where}: n must be non-negative (got #{n})" if n.negative?
    raise TooLargeError, "#{where}: n is too large (#{n})" if n > Internal::UINT64_MAX

    fp = Internal.float(p, "p", where)
    Internal.scalar("Q", where) { |buf| Native.secrets_binomialvariate(n, fp, buf) }
  end

  def call_distribution(function, name, **params)
    where = "LibSecrets.#{name}"
    args = params.map { |key, value| Internal.float(value, key, where) }
    Internal.scalar("d", where) { |buf| Native.public_send(function, *args, buf) }
  end
  private_class_method :call_distribution
end
