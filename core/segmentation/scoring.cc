#include "core/segmentation/scoring.h"

#include <Eigen/Core>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

namespace recoup::segmentation {
namespace {

using CoefVector = Eigen::Matrix<double, kFeatureCount, 1>;

// The one kernel both paths run: a fixed-size Eigen dot product (Eigen's unrolled packet reduction,
// the same instruction sequence for every row), plus the intercept, through the logistic function.
// The target is compiled with -ffp-contract=off, so no context may fuse it differently.
inline double ProbabilityOfRow(const double* row, const double* coefficients, double intercept) {
  const Eigen::Map<const CoefVector> x(row);
  const Eigen::Map<const CoefVector, Eigen::Aligned16> w(coefficients);
  const double z = intercept + x.dot(w);
  return 1.0 / (1.0 + std::exp(-z));
}

int FeatureIndex(std::string_view name) {
  const auto names = FeatureNames();
  for (int i = 0; i < kFeatureCount; ++i) {
    if (names[static_cast<std::size_t>(i)] == name) return i;
  }
  return -1;
}

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Splits a line into at most `max` whitespace-separated tokens with their 0-based columns.
struct Token {
  std::string_view text;
  std::size_t column = 0;
};
int Tokenize(std::string_view line, Token* tokens, int max) {
  int n = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && IsSpace(line[i])) ++i;
    if (i >= line.size()) break;
    const std::size_t start = i;
    while (i < line.size() && !IsSpace(line[i])) ++i;
    if (n == max) return max + 1;
    tokens[n++] = Token{line.substr(start, i - start), start};
  }
  return n;
}

}  // namespace

Status LogisticModel::Validate() const {
  if (name.empty()) return InvalidArgumentError("logistic model: name is empty");
  const std::string where = "logistic model " + Quote(name);
  if (feature_names.size() != static_cast<std::size_t>(kFeatureCount) ||
      coefficients.size() != static_cast<std::size_t>(kFeatureCount)) {
    return InvalidArgumentError(where + ": expected " + std::to_string(kFeatureCount) +
                                " feature names and coefficients, got " +
                                std::to_string(feature_names.size()) + " names and " +
                                std::to_string(coefficients.size()) + " coefficients");
  }
  if (!std::isfinite(intercept)) return InvalidArgumentError(where + ": intercept is not finite");
  const auto names = FeatureNames();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (feature_names[i] != names[i]) {
      return InvalidArgumentError(where + ": feature " + std::to_string(i) + " is " +
                                  Quote(feature_names[i]) + ", expected " + Quote(names[i]));
    }
    if (!std::isfinite(coefficients[i])) {
      return InvalidArgumentError(where + ": coefficient of " + Quote(names[i]) + " is not finite");
    }
  }
  return OkStatus();
}

StatusOr<LogisticModel> ModelFromNamedCoefficients(
    std::string_view name, double intercept,
    std::span<const std::pair<std::string_view, double>> coefficients) {
  LogisticModel m;
  m.name = std::string(name);
  m.intercept = intercept;
  const auto names = FeatureNames();
  m.feature_names.assign(names.begin(), names.end());
  m.coefficients.assign(kFeatureCount, 0.0);
  std::array<bool, kFeatureCount> seen{};
  for (const auto& [feature, value] : coefficients) {
    const int i = FeatureIndex(feature);
    if (i < 0) {
      return InvalidArgumentError("logistic model " + Quote(name) + ": unknown feature " +
                                  Quote(feature));
    }
    if (seen[static_cast<std::size_t>(i)]) {
      return InvalidArgumentError("logistic model " + Quote(name) + ": feature " + Quote(feature) +
                                  " given twice");
    }
    seen[static_cast<std::size_t>(i)] = true;
    m.coefficients[static_cast<std::size_t>(i)] = value;
  }
  RECOUP_RETURN_IF_ERROR(m.Validate());
  return m;
}

StatusOr<LogisticModel> ParseLogisticModel(std::string_view text) {
  std::string name;
  double intercept = 0.0;
  bool have_intercept = false;
  // Names point into FeatureNames() (static storage), not into `text`.
  std::vector<std::pair<std::string_view, double>> named;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    Token tok[2];
    const int n = Tokenize(line, tok, 2);
    if (n == 0) continue;
    auto err = [&](std::size_t column, const std::string& what) {
      return InvalidArgumentError("model text:" + std::to_string(line_no) + ":" +
                                  std::to_string(column + 1) + ": " + what);
    };
    if (n != 2) {
      return err(n > 2 ? line.find_first_not_of(" \t\r", tok[1].column + tok[1].text.size())
                       : tok[0].column + tok[0].text.size(),
                 "expected '<key> <value>' (two fields)");
    }
    if (tok[0].text == "model") {
      if (!name.empty()) return err(tok[0].column, "'model' given twice");
      name = std::string(tok[1].text);
      continue;
    }
    double value = 0.0;
    const char* first = tok[1].text.data();
    const char* last = first + tok[1].text.size();
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || ptr != last || !std::isfinite(value)) {
      return err(tok[1].column, "expected a finite number, got " + Quote(tok[1].text));
    }
    if (tok[0].text == "intercept") {
      if (have_intercept) return err(tok[0].column, "'intercept' given twice");
      have_intercept = true;
      intercept = value;
      continue;
    }
    if (FeatureIndex(tok[0].text) < 0) {
      return err(tok[0].column, "unknown feature " + Quote(tok[0].text) +
                                    " (expected 'model', 'intercept' or a feature name)");
    }
    for (const auto& entry : named) {
      if (entry.first == tok[0].text) {
        return err(tok[0].column, "feature " + Quote(entry.first) + " given twice");
      }
    }
    named.emplace_back(FeatureNames()[static_cast<std::size_t>(FeatureIndex(tok[0].text))], value);
  }
  if (name.empty()) return InvalidArgumentError("model text: missing 'model <name>' line");
  return ModelFromNamedCoefficients(name, intercept, named);
}

std::string FormatLogisticModel(const LogisticModel& model) {
  auto number = [](double v) {
    char buf[64];
    const auto [ptr, ec] = std::to_chars(buf, buf + sizeof(buf), v);
    return ec == std::errc() ? std::string(buf, ptr) : std::string("nan");
  };
  std::string out = "model " + model.name + "\nintercept " + number(model.intercept) + "\n";
  for (std::size_t i = 0; i < model.feature_names.size() && i < model.coefficients.size(); ++i) {
    out += model.feature_names[i] + " " + number(model.coefficients[i]) + "\n";
  }
  return out;
}

StatusOr<Scorer> Scorer::Create(const LogisticModel& model) {
  RECOUP_RETURN_IF_ERROR(model.Validate());
  Scorer s;
  s.name_ = model.name;
  s.intercept_ = model.intercept;
  for (std::size_t i = 0; i < s.coefficients_.size(); ++i)
    s.coefficients_[i] = model.coefficients[i];
  return s;
}

double Scorer::Score(ConstFeatureRow features) const {
  return ProbabilityOfRow(features.data(), coefficients_.data(), intercept_);
}

Status Scorer::ScoreBatch(std::span<const double> features, std::span<double> out) const {
  if (features.size() % kFeatureCount != 0) {
    return InvalidArgumentError("ScoreBatch: feature matrix has " +
                                std::to_string(features.size()) + " values, not a multiple of " +
                                std::to_string(kFeatureCount));
  }
  const std::size_t rows = features.size() / kFeatureCount;
  if (out.size() != rows) {
    return InvalidArgumentError("ScoreBatch: output has " + std::to_string(out.size()) +
                                " entries, expected one per row (" + std::to_string(rows) + ")");
  }
  const double* x = features.data();
  const double* w = coefficients_.data();
  for (std::size_t r = 0; r < rows; ++r) {
    out[r] = ProbabilityOfRow(x + r * kFeatureCount, w, intercept_);
  }
  return OkStatus();
}

}  // namespace recoup::segmentation
