import ArgumentParser
import Foundation
import LoadForgePlan
import LoadForgeSpec

/// The CI-gate flags of `run`: `--fail-on-error-rate` adds a threshold to the config's, and
/// `--junit` writes every threshold's result as JUnit XML.
struct ThresholdOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Fail the run (exit 99) when more than this share of requests failed: a fraction below 1 or a "
        + "percentage (0.01, 1%; 0 fails on any error). Adds the threshold error_rate <= RATE.",
      valueName: "rate"),
    transform: Self.parseRate)
  var failOnErrorRate: Double?

  @Option(help: ArgumentHelp("Write the thresholds' results as JUnit XML to this file.", valueName: "file"))
  var junit: String?

  /// The threshold `--fail-on-error-rate` adds, after the config's; nil without the flag. Its text
  /// (terminal, summary.json, JUnit testcase name) ends in `(from --fail-on-error-rate)`, so it
  /// is not taken for a duplicate of the config's own `error_rate` rule.
  ///
  /// "Fail on an error rate of 1 %" means a run with more failures fails, so the limit itself
  /// passes (`<=`): `--fail-on-error-rate 0` then fails on any error and passes a clean run,
  /// which `< 0` never would.
  var errorRateThreshold: ThresholdPlan? {
    failOnErrorRate.map { rate in
      ThresholdPlan(
        metric: .errorRate, statistic: nil, endpoint: nil, comparison: .lessOrEqual, value: rate,
        source: "error_rate <= \(Self.percentText(rate)) \(Self.sourceMark)")
    }
  }

  /// `0.01` → 0.01, `1%` → 0.01, `0` → 0.
  /// - Throws: `ValidationError` (exit 2) for anything else: not a number, negative, a bare
  ///   number of 1 or more (a percentage without its `%`: 1 would mean 100 %, a gate that never
  ///   fails), a percentage above 100 %.
  static func parseRate(_ text: String) throws -> Double {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let isPercent = trimmed.hasSuffix("%")
    let digits = isPercent ? String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces) : trimmed
    guard let number = Double(digits), number.isFinite, number >= 0 else {
      throw ValidationError(
        "--fail-on-error-rate takes a fraction from 0 to 1 or a percentage, e.g. 0.01 or 1%, not \"\(text)\"")
    }
    if isPercent {
      guard number <= 100 else { throw ValidationError("--fail-on-error-rate: a percentage is at most 100%") }
      return number / 100
    }
    // A bare 1 would be a gate that can never fail (100 %), and 5 a typo for 5 %: both are
    // almost surely meant as percentages, so neither is read as a fraction.
    guard number < 1 else {
      let fraction = ThresholdOptions.fractionText(number / 100)
      throw ValidationError(
        "--fail-on-error-rate \(digits): a bare number is a fraction, and 1 means 100 %: write \(digits)% for "
          + "\(digits == "1" ? "one" : digits) percent, or a fraction below 1 (\(fraction))")
    }
    return number
  }

  /// Ends the text of the threshold the flag adds.
  static let sourceMark = "(from --fail-on-error-rate)"

  /// A fraction without trailing zeros: 0.05 → `0.05`, 0.015 → `0.015`.
  static func fractionText(_ fraction: Double) -> String {
    var text = String(format: "%.6f", fraction)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  /// A fraction as a percentage without trailing zeros: 0.01 → `1%`, 0.005 → `0.5%`, 0 → `0%`.
  static func percentText(_ fraction: Double) -> String {
    var text = String(format: "%.4f", fraction * 100)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text + "%"
  }
}
