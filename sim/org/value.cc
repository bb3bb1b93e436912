// FieldValue / ValueView, their JSON and CSV text, and SOQL comparisons (value.h).
#include "sim/org/value.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/base/check.h"

namespace recoup::sim::org {
namespace {

char FoldAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

int Sign(int64_t v) { return v < 0 ? -1 : (v > 0 ? 1 : 0); }

int CompareNumbers(ValueView a, ValueView b) {
  if (a.kind() == ValueKind::kInt && b.kind() == ValueKind::kInt) {
    return a.int_value() < b.int_value() ? -1 : (a.int_value() > b.int_value() ? 1 : 0);
  }
  const double x = a.AsDouble();
  const double y = b.AsDouble();
  return x < y ? -1 : (x > y ? 1 : 0);
}

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

uint64_t HashBytes(std::string_view s, bool fold) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then mixed
  for (char c : s) {
    h ^= static_cast<unsigned char>(fold ? FoldAscii(c) : c);
    h *= 0x100000001b3ULL;
  }
  return Mix(h);
}

}  // namespace

std::string_view ValueKindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kNull:
      return "null";
    case ValueKind::kBool:
      return "bool";
    case ValueKind::kInt:
      return "int";
    case ValueKind::kDouble:
      return "double";
    case ValueKind::kString:
      return "string";
    case ValueKind::kDate:
      return "date";
    case ValueKind::kDateTime:
      return "datetime";
    case ValueKind::kId:
      return "id";
  }
  return "unknown";
}

// ---- ValueView ----------------------------------------------------------------------------------

ValueView ValueView::Bool(bool b) {
  ValueView v;
  v.kind_ = ValueKind::kBool;
  v.u_.b = b;
  return v;
}
ValueView ValueView::Int(int64_t i) {
  ValueView v;
  v.kind_ = ValueKind::kInt;
  v.u_.i = i;
  return v;
}
ValueView ValueView::Double(double d) {
  ValueView v;
  v.kind_ = ValueKind::kDouble;
  v.u_.d = d;
  return v;
}
ValueView ValueView::String(std::string_view s) {
  ValueView v;
  v.kind_ = ValueKind::kString;
  v.u_.ptr = s.data();
  v.s_.size = s.size();
  return v;
}
ValueView ValueView::InlineString(std::string_view s) {
  RECOUP_CHECK_MSG(s.size() <= kInlineCapacity, "inline string too long");
  ValueView v;
  v.kind_ = ValueKind::kString;
  v.inline_ = true;
  v.inline_size_ = static_cast<uint8_t>(s.size());
  if (!s.empty()) std::memcpy(v.s_.buf, s.data(), s.size());
  return v;
}
ValueView ValueView::Date(int32_t days_since_epoch) {
  ValueView v;
  v.kind_ = ValueKind::kDate;
  v.u_.days = days_since_epoch;
  return v;
}
ValueView ValueView::DateTime(int64_t millis_since_epoch) {
  ValueView v;
  v.kind_ = ValueKind::kDateTime;
  v.u_.millis = millis_since_epoch;
  return v;
}
ValueView ValueView::Id(const SfId& id) {
  ValueView v;
  if (id.empty()) return v;
  v.kind_ = ValueKind::kId;
  v.s_.id = id;
  return v;
}

bool ValueView::bool_value() const {
  RECOUP_CHECK_MSG(kind_ == ValueKind::kBool, "not a bool value");
  return u_.b;
}
int64_t ValueView::int_value() const {
  RECOUP_CHECK_MSG(kind_ == ValueKind::kInt, "not an int value");
  return u_.i;
}
double ValueView::double_value() const {
  RECOUP_CHECK_MSG(kind_ == ValueKind::kDouble, "not a double value");
  return u_.d;
}
std::string_view ValueView::str() const {
  RECOUP_CHECK_MSG(kind_ == ValueKind::kString, "not a string value");
  return inline_ ? std::string_view(s_.buf, inline_size_) : std::string_view(u_.ptr, s_.size);
}
int32_t ValueView::date_days() const {
  RECOUP_CHECK_MSG(kind_ == ValueKind::kDate, "not a date value");
  return u_.days;
}
int64_t ValueView::datetime_millis() const {
  RECOUP_CHECK_MSG(kind_ == ValueKind::kDateTime, "not a datetime value");
  return u_.millis;
}
const SfId& ValueView::id() const {
  RECOUP_CHECK_MSG(kind_ == ValueKind::kId, "not an id value");
  return s_.id;
}
double ValueView::AsDouble() const {
  if (kind_ == ValueKind::kInt) return static_cast<double>(u_.i);
  RECOUP_CHECK_MSG(kind_ == ValueKind::kDouble, "not a numeric value");
  return u_.d;
}

FieldValue ValueView::ToOwned() const {
  switch (kind_) {
    case ValueKind::kNull:
      return FieldValue::Null();
    case ValueKind::kBool:
      return FieldValue::Bool(u_.b);
    case ValueKind::kInt:
      return FieldValue::Int(u_.i);
    case ValueKind::kDouble:
      return FieldValue::Double(u_.d);
    case ValueKind::kString:
      return FieldValue::String(std::string(str()));
    case ValueKind::kDate:
      return FieldValue::Date(u_.days);
    case ValueKind::kDateTime:
      return FieldValue::DateTime(u_.millis);
    case ValueKind::kId:
      return FieldValue::Id(s_.id);
  }
  return FieldValue::Null();
}

// ---- FieldValue ---------------------------------------------------------------------------------

FieldValue FieldValue::Bool(bool b) {
  FieldValue v;
  v.kind_ = ValueKind::kBool;
  v.bits_ = b ? 1 : 0;
  return v;
}
FieldValue FieldValue::Int(int64_t i) {
  FieldValue v;
  v.kind_ = ValueKind::kInt;
  v.bits_ = i;
  return v;
}
FieldValue FieldValue::Double(double d) {
  FieldValue v;
  v.kind_ = ValueKind::kDouble;
  std::memcpy(&v.bits_, &d, sizeof(d));
  return v;
}
FieldValue FieldValue::String(std::string s) {
  FieldValue v;
  v.kind_ = ValueKind::kString;
  v.str_ = std::move(s);
  return v;
}
FieldValue FieldValue::Date(int32_t days_since_epoch) {
  FieldValue v;
  v.kind_ = ValueKind::kDate;
  v.bits_ = days_since_epoch;
  return v;
}
FieldValue FieldValue::DateTime(int64_t millis_since_epoch) {
  FieldValue v;
  v.kind_ = ValueKind::kDateTime;
  v.bits_ = millis_since_epoch;
  return v;
}
FieldValue FieldValue::Id(const SfId& id) {
  FieldValue v;
  if (id.empty()) return v;
  v.kind_ = ValueKind::kId;
  v.id_ = id;
  return v;
}

const std::string& FieldValue::str() const {
  RECOUP_CHECK_MSG(kind_ == ValueKind::kString, "not a string value");
  return str_;
}

ValueView FieldValue::view() const {
  switch (kind_) {
    case ValueKind::kNull:
      return ValueView::Null();
    case ValueKind::kBool:
      return ValueView::Bool(bits_ != 0);
    case ValueKind::kInt:
      return ValueView::Int(bits_);
    case ValueKind::kDouble: {
      double d = 0;
      std::memcpy(&d, &bits_, sizeof(d));
      return ValueView::Double(d);
    }
    case ValueKind::kString:
      return ValueView::String(str_);
    case ValueKind::kDate:
      return ValueView::Date(static_cast<int32_t>(bits_));
    case ValueKind::kDateTime:
      return ValueView::DateTime(bits_);
    case ValueKind::kId:
      return ValueView::Id(id_);
  }
  return ValueView::Null();
}

bool operator==(const FieldValue& a, const FieldValue& b) {
  return a.kind_ == b.kind_ && a.bits_ == b.bits_ && a.str_ == b.str_ && a.id_ == b.id_;
}

// ---- Comparison ---------------------------------------------------------------------------------

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (FoldAscii(a[i]) != FoldAscii(b[i])) return false;
  }
  return true;
}

int CompareIgnoreCase(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const auto x = static_cast<unsigned char>(FoldAscii(a[i]));
    const auto y = static_cast<unsigned char>(FoldAscii(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

bool Comparable(ValueView a, ValueView b) {
  if (a.is_numeric() && b.is_numeric()) return true;
  if ((a.kind() == ValueKind::kId && b.kind() == ValueKind::kString) ||
      (a.kind() == ValueKind::kString && b.kind() == ValueKind::kId)) {
    return true;
  }
  return a.kind() == b.kind();
}

bool SoqlEquals(ValueView a, ValueView b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  if (!Comparable(a, b)) return false;
  if (a.kind() == ValueKind::kId && b.kind() == ValueKind::kString) std::swap(a, b);
  if (a.kind() == ValueKind::kString && b.kind() == ValueKind::kId) {
    SfOr<SfId> parsed = ParseId(a.str());
    return parsed.ok() && *parsed == b.id();
  }
  if (a.kind() == ValueKind::kString) return EqualsIgnoreCase(a.str(), b.str());
  return SoqlCompare(a, b, /*total=*/false) == 0;
}

int SoqlCompare(ValueView a, ValueView b, bool total) {
  if (a.is_null() || b.is_null()) {
    return (a.is_null() ? 0 : 1) - (b.is_null() ? 0 : 1);
  }
  if (a.is_numeric() && b.is_numeric()) return CompareNumbers(a, b);
  if (a.kind() == ValueKind::kId && b.kind() == ValueKind::kString) {
    return -SoqlCompare(b, a, total);
  }
  if (a.kind() == ValueKind::kString && b.kind() == ValueKind::kId) {
    SfOr<SfId> parsed = ParseId(a.str());
    if (parsed.ok()) {
      const SfId& x = *parsed;
      return x < b.id() ? -1 : (b.id() < x ? 1 : 0);
    }
    char buf[SfId::kLongLength];
    b.id().WriteLong(buf);
    const int c = a.str().compare(std::string_view(buf, sizeof(buf)));
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (a.kind() != b.kind()) {
    return static_cast<int>(a.kind()) < static_cast<int>(b.kind()) ? -1 : 1;
  }
  switch (a.kind()) {
    case ValueKind::kBool:
      return static_cast<int>(a.bool_value()) - static_cast<int>(b.bool_value());
    case ValueKind::kString: {
      const int c = CompareIgnoreCase(a.str(), b.str());
      if (c != 0 || !total) return c;
      const int e = a.str().compare(b.str());
      return e < 0 ? -1 : (e > 0 ? 1 : 0);
    }
    case ValueKind::kDate:
      return Sign(int64_t{a.date_days()} - b.date_days());
    case ValueKind::kDateTime:
      return a.datetime_millis() < b.datetime_millis()
                 ? -1
                 : (a.datetime_millis() > b.datetime_millis() ? 1 : 0);
    case ValueKind::kId:
      return a.id() < b.id() ? -1 : (b.id() < a.id() ? 1 : 0);
    default:
      return 0;
  }
}

uint64_t SoqlHash(ValueView v, bool case_sensitive) {
  switch (v.kind()) {
    case ValueKind::kNull:
      return 0;
    case ValueKind::kBool:
      return Mix(v.bool_value() ? 2 : 1);
    case ValueKind::kInt:
      return Mix(static_cast<uint64_t>(v.int_value()));
    case ValueKind::kDouble: {
      const double d = v.double_value();
      if (d == std::floor(d) && std::fabs(d) < 9.2e18) {
        return Mix(static_cast<uint64_t>(static_cast<int64_t>(d)));
      }
      uint64_t bits = 0;
      std::memcpy(&bits, &d, sizeof(d));
      return Mix(bits ^ 0x9e3779b97f4a7c15ULL);
    }
    case ValueKind::kString:
      return HashBytes(v.str(), /*fold=*/!case_sensitive);
    case ValueKind::kDate:
      return Mix(static_cast<uint64_t>(int64_t{v.date_days()}) ^ 0x5bd1e995ULL);
    case ValueKind::kDateTime:
      return Mix(static_cast<uint64_t>(v.datetime_millis()) ^ 0x27d4eb2fULL);
    case ValueKind::kId:
      return HashBytes(v.id().short_form(), /*fold=*/false);
  }
  return 0;
}

}  // namespace recoup::sim::org
