// libFuzzer target for the SOQL parser: any byte string must parse or fail with a well-formed
// SfError, never crash, hang or leak. Successful parses are dumped, their LIKE patterns are matched
// against the input and their date literals evaluated, so those paths are fuzzed too.
#include <cctz/time_zone.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sim/org/soql/ast.h"
#include "sim/org/soql/date_literal.h"
#include "sim/org/soql/parser.h"

namespace {

using recoup::sim::org::soql::Condition;

void Exercise(const Condition& c, std::string_view input, const cctz::time_zone& zone) {
  if (c.kind != Condition::Kind::kComparison) {
    for (const Condition& operand : c.operands) Exercise(operand, input, zone);
    return;
  }
  const auto& cmp = c.comparison;
  if (cmp.op == recoup::sim::org::soql::CompareOp::kLike) (void)cmp.like.Matches(input);
  for (const auto& value : cmp.values) {
    if (value.kind != recoup::sim::org::soql::Literal::Kind::kDateLiteral) continue;
    recoup::sim::org::soql::DateContext context;
    context.now = recoup::Timestamp::FromUnixSeconds(1'700'000'000);
    context.time_zone = zone;
    const auto range = recoup::sim::org::soql::EvaluateDateLiteral(value.date_literal, context);
    if (range.first_day > range.end_day || range.start > range.end) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const cctz::time_zone zone = [] {
    cctz::time_zone tz;
    if (!cctz::load_time_zone("America/New_York", &tz)) tz = cctz::utc_time_zone();
    return tz;
  }();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto parsed = recoup::sim::org::soql::ParseSoql(input);
  if (!parsed.ok()) {
    const auto& error = parsed.error();
    if (error.http_status != 400 || error.error_code.empty() || error.message.empty()) std::abort();
    return 0;
  }
  const auto& query = parsed.value();
  if (recoup::sim::org::soql::DumpQuery(query).empty()) std::abort();
  if (query.where) Exercise(*query.where, input, zone);
  for (const auto& sub : query.subqueries) {
    if (sub.where) Exercise(*sub.where, input, zone);
  }
  return 0;
}
