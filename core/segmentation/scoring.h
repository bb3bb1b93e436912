// Logistic scoring (propensity to pay, roll risk) over the feature vector of features.h, for one
// account or a whole feature matrix at once. Coefficients are data: a LogisticModel is built from
// named coefficients or parsed from text, validated, then compiled into a Scorer.
//
// The single-account and batch paths run the same per-row kernel (one Eigen fixed-size dot product
// in a fixed order, then 1 / (1 + exp(-z))), compiled with floating-point contraction off, so
// Score(row) == ScoreBatch(...)[i] bit for bit. Eigen stays in scoring.cc.
//
//   RECOUP_ASSIGN_OR_RETURN(LogisticModel m, ParseLogisticModel(text));
//   RECOUP_ASSIGN_OR_RETURN(Scorer s, Scorer::Create(m));
//   FeatureMatrix x(n);  // fill x.Row(i) with ExtractFeatures
//   std::vector<double> p(n);
//   RECOUP_RETURN_IF_ERROR(s.ScoreBatch(x.values(), p));
#ifndef RECOUP_CORE_SEGMENTATION_SCORING_H_
#define RECOUP_CORE_SEGMENTATION_SCORING_H_

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/segmentation/features.h"

namespace recoup::segmentation {

// A logistic model: P = 1 / (1 + exp(-(intercept + sum_i coefficients[i] * x[i]))).
// `feature_names` and `coefficients` run in parallel and must match FeatureNames() exactly (same
// length, same names, same order): a stored model that was trained on another feature list is
// rejected instead of silently scoring the wrong columns.
struct LogisticModel {
  std::string name;  // "propensity_to_pay", "roll_risk", ...
  double intercept = 0.0;
  std::vector<std::string> feature_names;
  std::vector<double> coefficients;

  // Ok, or InvalidArgument naming the problem: empty name, length differing from kFeatureCount,
  // a name out of place ("feature 3 is 'x', expected 'fee_interest_share'"), a non-finite value.
  Status Validate() const;
};

// A model whose coefficients are given by feature name; features not named get 0. Errors
// (InvalidArgument): an unknown or repeated name, a non-finite value, an empty model name.
StatusOr<LogisticModel> ModelFromNamedCoefficients(
    std::string_view name, double intercept,
    std::span<const std::pair<std::string_view, double>> coefficients);

// Parses the text model format, one entry per line, '#' starts a comment, blank lines ignored:
//   model <name>            (exactly once)
//   intercept <number>      (at most once; default 0)
//   <feature_name> <number> (any order, each at most once; unnamed features get 0)
// Errors (InvalidArgument) name the 1-based line and column and what was expected.
StatusOr<LogisticModel> ParseLogisticModel(std::string_view text);

// Writes `model` in the text format above (all features, in vector order, shortest round-trip
// numbers), so ParseLogisticModel(FormatLogisticModel(m)) reproduces m exactly.
std::string FormatLogisticModel(const LogisticModel& model);

// A row-major matrix of feature vectors: row i is account i, kFeatureCount doubles per row,
// zero-initialised. Owns its storage.
class FeatureMatrix {
 public:
  explicit FeatureMatrix(std::size_t rows) : values_(rows * kFeatureCount, 0.0) {}
  std::size_t rows() const { return values_.size() / kFeatureCount; }
  FeatureRow Row(std::size_t i) {
    return FeatureRow(values_.data() + i * kFeatureCount, kFeatureCount);
  }
  ConstFeatureRow Row(std::size_t i) const {
    return ConstFeatureRow(values_.data() + i * kFeatureCount, kFeatureCount);
  }
  std::span<const double> values() const { return values_; }
  std::span<double> values() { return values_; }

 private:
  std::vector<double> values_;
};

// A validated model ready to score. Cheap to copy; immutable.
class Scorer {
 public:
  // Validates `model` (LogisticModel::Validate) and compiles it.
  static StatusOr<Scorer> Create(const LogisticModel& model);

  const std::string& name() const { return name_; }

  // The probability in [0, 1] for one feature vector. Non-finite features give NaN.
  double Score(ConstFeatureRow features) const;

  // Scores `features`, a row-major matrix of rows x kFeatureCount doubles, into `out` (one
  // probability per row, bit-identical to Score on that row). InvalidArgument when the size of
  // `features` is not a multiple of kFeatureCount or `out` does not have one entry per row.
  Status ScoreBatch(std::span<const double> features, std::span<double> out) const;

 private:
  Scorer() = default;
  alignas(16) std::array<double, kFeatureCount> coefficients_{};
  double intercept_ = 0.0;
  std::string name_;
};

}  // namespace recoup::segmentation

#endif  // RECOUP_CORE_SEGMENTATION_SCORING_H_
