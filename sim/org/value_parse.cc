// JSON / CSV / text input to FieldValues, with Salesforce's errors (value_parse.h).
#include "sim/org/value_parse.h"

#include <charconv>
#include <climits>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/org/schema.h"

namespace recoup::sim::org {
namespace {

constexpr int64_t kDayMs = 86'400'000;

SfError FieldError(const FieldDef& field, std::string code, std::string_view what,
                   std::string_view value) {
  return MakeSfError(400, std::move(code),
                     field.label + ": " + std::string(what) + ": " + ToValidUtf8(value),
                     {field.name});
}
SfError WrongType(const FieldDef& field, std::string_view value) {
  return FieldError(field, "INVALID_TYPE_ON_FIELD_IN_RECORD", "value not of required type", value);
}
SfError OutOfRange(const FieldDef& field, std::string_view value) {
  return FieldError(field, "NUMBER_OUTSIDE_VALID_RANGE",
                    "value outside of valid range on numeric field", value);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ParseInt64(std::string_view s, int64_t* out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool ParseDouble(std::string_view s, double* out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(*out);
}

// Rounds half away from zero to `scale` decimals on the shortest decimal form of `d` (so 10.005 and
// the text "12.345" round up as a person expects, not by their binary approximations).
double RoundDecimal(double d, int scale) {
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::fixed);
  if (ec != std::errc()) return d;
  std::string s(buf, end);
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) s.erase(0, 1);
  const size_t dot = s.find('.');
  if (dot == std::string::npos || s.size() - dot - 1 <= static_cast<size_t>(scale)) return d;
  const bool up = s[dot + 1 + static_cast<size_t>(scale)] >= '5';
  s.resize(dot + 1 + static_cast<size_t>(scale));
  if (scale == 0) s.pop_back();
  if (up) {
    size_t i = s.size();
    while (i > 0) {
      --i;
      if (s[i] == '.') continue;
      if (s[i] == '9') {
        s[i] = '0';
        if (i == 0) s.insert(s.begin(), '1');
      } else {
        ++s[i];
        break;
      }
    }
  }
  double out = 0;
  std::from_chars(s.data(), s.data() + s.size(), out);
  return negative && out != 0.0 ? -out : out;
}

// A number for a fractional field: range check against precision - scale, then rounding to scale.
SfOr<FieldValue> MakeFractional(const FieldDef& field, double d, std::string_view text) {
  if (!std::isfinite(d)) return WrongType(field, text);
  const double rounded = RoundDecimal(d, field.scale);
  const int int_digits = field.precision - field.scale;
  if (field.precision > 0 && std::fabs(rounded) >= std::pow(10.0, int_digits)) {
    return OutOfRange(field, text);
  }
  return FieldValue::Double(rounded);
}

SfOr<FieldValue> MakeInt(const FieldDef& field, int64_t v, std::string_view text) {
  if (v < INT32_MIN || v > INT32_MAX) return OutOfRange(field, text);
  if (field.precision > 0 && field.precision < 10) {
    const int64_t limit = static_cast<int64_t>(std::pow(10.0, field.precision));
    if (v >= limit || v <= -limit) return OutOfRange(field, text);
  }
  return FieldValue::Int(v);
}

const PicklistValue* FindPicklistValue(const FieldDef& field, std::string_view v) {
  for (const PicklistValue& p : field.picklist_values) {
    if (p.active && EqualsIgnoreCase(p.value, v)) return &p;
  }
  return nullptr;
}

SfError BadPicklist(const FieldDef& field, std::string_view v) {
  return FieldError(field, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    "bad value for restricted picklist field", v);
}

bool ValidEmail(std::string_view s) {
  const size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= s.size()) return false;
  if (s.find('@', at + 1) != std::string_view::npos) return false;
  if (s.find_first_of(" \t\r\n,;<>") != std::string_view::npos) return false;
  const std::string_view domain = s.substr(at + 1);
  const size_t dot = domain.find('.');
  return dot != std::string_view::npos && dot != 0 && domain.back() != '.';
}

// Text for a text-typed field: picklist normalisation, then the checks.
SfOr<FieldValue> MakeText(const FieldDef& field, std::string_view text) {
  if (text.empty()) return FieldValue::Null();
  std::string value;
  if (field.type == FieldType::kPicklist && field.restricted_picklist) {
    const PicklistValue* p = FindPicklistValue(field, text);
    if (p == nullptr) return BadPicklist(field, text);
    value = p->value;
  } else if (field.type == FieldType::kMultiPicklist) {
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find(';', start);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view item = Trim(text.substr(start, end - start));
      start = end + 1;
      if (item.empty()) continue;
      std::string canonical(item);
      if (field.restricted_picklist) {
        const PicklistValue* p = FindPicklistValue(field, item);
        if (p == nullptr) return BadPicklist(field, item);
        canonical = p->value;
      }
      bool seen = false;
      for (const std::string& it : items) seen = seen || EqualsIgnoreCase(it, canonical);
      if (!seen) items.push_back(std::move(canonical));
    }
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) value.push_back(';');
      value += items[i];
    }
    if (value.empty()) return FieldValue::Null();
  } else {
    value = std::string(text);
  }
  FieldValue out = FieldValue::String(std::move(value));
  SfStatus st = CheckFieldValue(field, out);
  if (!st.ok()) return st.error();
  return out;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int n = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<size_t>(n) >= s.size()) return false;
    for (int k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<size_t>(n) + 1;
  }
  return true;
}

std::string ToValidUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    // Take the longest valid sequence starting here (1..4 bytes), else one replacement character.
    size_t len = 0;
    for (size_t n = 1; n <= 4 && i + n <= s.size(); ++n) {
      if (IsValidUtf8(s.substr(i, n))) {
        len = n;
        break;
      }
    }
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

SfStatus CheckFieldValue(const FieldDef& field, ValueView v) {
  if (v.is_null()) return {};
  const auto text_of = [&]() -> std::string {
    return v.kind() == ValueKind::kString
               ? std::string(v.str())
               : ValueToJson(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  if (IsTextType(field.type)) {
    if (v.kind() != ValueKind::kString) return WrongType(field, text_of());
    const std::string_view s = v.str();
    if (!IsValidUtf8(s)) return WrongType(field, "invalid UTF-8");
    if (field.length > 0 && Utf8Length(s) > static_cast<size_t>(field.length)) {
      return MakeSfError(400, "STRING_TOO_LONG",
                         field.label + ": data value too large: " + ToValidUtf8(s) +
                             " (max length=" + std::to_string(field.length) + ")",
                         {field.name});
    }
    if (field.restricted_picklist && field.type == FieldType::kPicklist &&
        FindPicklistValue(field, s) == nullptr) {
      return BadPicklist(field, s);
    }
    if (field.restricted_picklist && field.type == FieldType::kMultiPicklist) {
      size_t start = 0;
      while (start <= s.size()) {
        size_t end = s.find(';', start);
        if (end == std::string_view::npos) end = s.size();
        const std::string_view item = Trim(s.substr(start, end - start));
        if (!item.empty() && FindPicklistValue(field, item) == nullptr) {
          return BadPicklist(field, item);
        }
        start = end + 1;
      }
    }
    if (field.type == FieldType::kEmail && !ValidEmail(s)) {
      return FieldError(field, "INVALID_EMAIL_ADDRESS", "invalid email address", s);
    }
    return {};
  }
  switch (field.type) {
    case FieldType::kBoolean:
      if (v.kind() != ValueKind::kBool) return WrongType(field, text_of());
      return {};
    case FieldType::kInt: {
      if (v.kind() != ValueKind::kInt) return WrongType(field, text_of());
      SfOr<FieldValue> r = MakeInt(field, v.int_value(), text_of());
      if (!r.ok()) return r.error();
      return {};
    }
    case FieldType::kDouble:
    case FieldType::kCurrency:
    case FieldType::kPercent: {
      if (!v.is_numeric()) return WrongType(field, text_of());
      const double d = v.AsDouble();
      if (!std::isfinite(d)) return WrongType(field, text_of());
      if (field.precision > 0 && std::fabs(d) >= std::pow(10.0, field.precision - field.scale)) {
        return OutOfRange(field, text_of());
      }
      return {};
    }
    case FieldType::kDate:
      if (v.kind() != ValueKind::kDate) return WrongType(field, text_of());
      return {};
    case FieldType::kDateTime:
      if (v.kind() != ValueKind::kDateTime) return WrongType(field, text_of());
      return {};
    case FieldType::kId:
    case FieldType::kReference:
      if (v.kind() != ValueKind::kId) return WrongType(field, text_of());
      return {};
    default:
      return WrongType(field, text_of());
  }
}

SfOr<FieldValue> FieldValueFromText(const FieldDef& field, std::string_view text) {
  if (text.empty()) return FieldValue::Null();
  if (IsTextType(field.type)) return MakeText(field, text);
  switch (field.type) {
    case FieldType::kBoolean:
      if (EqualsIgnoreCase(text, "true") || text == "1") return FieldValue::Bool(true);
      if (EqualsIgnoreCase(text, "false") || text == "0") return FieldValue::Bool(false);
      return WrongType(field, text);
    case FieldType::kInt: {
      int64_t i = 0;
      if (ParseInt64(text, &i)) return MakeInt(field, i, text);
      double d = 0;
      if (ParseDouble(text, &d) && d == std::floor(d) && std::fabs(d) < 9e18) {
        return MakeInt(field, static_cast<int64_t>(d), text);
      }
      return WrongType(field, text);
    }
    case FieldType::kDouble:
    case FieldType::kCurrency:
    case FieldType::kPercent: {
      double d = 0;
      if (!ParseDouble(text, &d)) return WrongType(field, text);
      return MakeFractional(field, d, text);
    }
    case FieldType::kDate: {
      std::optional<int32_t> days = ParseDateText(text);
      if (!days) return WrongType(field, text);
      return FieldValue::Date(*days);
    }
    case FieldType::kDateTime: {
      std::optional<int64_t> ms = ParseDateTimeText(text);
      if (!ms) return WrongType(field, text);
      return FieldValue::DateTime(*ms);
    }
    case FieldType::kId:
    case FieldType::kReference: {
      SfOr<SfId> id = ParseIdForField(text, field.label, field.name);
      if (!id.ok()) return id.error();
      return FieldValue::Id(*id);
    }
    default:
      return WrongType(field, text);
  }
}

SfOr<std::optional<FieldValue>> FieldValueFromCsv(const FieldDef& field, std::string_view cell) {
  if (cell.empty()) return std::optional<FieldValue>();
  if (cell == "#N/A") return std::optional<FieldValue>(FieldValue::Null());
  SfOr<FieldValue> v = FieldValueFromText(field, cell);
  if (!v.ok()) return v.error();
  return std::optional<FieldValue>(std::move(v).value());
}

SfOr<FieldValue> FieldValueFromJson(const FieldDef& field, const nlohmann::json& j) {
  if (j.is_null()) {
    return field.type == FieldType::kBoolean ? FieldValue::Bool(false) : FieldValue::Null();
  }
  if (j.is_object() || j.is_array() || j.is_binary() || j.is_discarded()) {
    return WrongType(field, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (field.type == FieldType::kBoolean && (s == "1" || s == "0")) return WrongType(field, s);
    return FieldValueFromText(field, s);
  }
  const std::string text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (IsTextType(field.type)) return MakeText(field, text);
  switch (field.type) {
    case FieldType::kBoolean:
      if (j.is_boolean()) return FieldValue::Bool(j.get<bool>());
      return WrongType(field, text);
    case FieldType::kInt:
      if (j.is_number_integer()) {
        if (j.is_number_unsigned() && j.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
          return OutOfRange(field, text);
        }
        return MakeInt(field, j.get<int64_t>(), text);
      }
      if (j.is_number_float()) {
        const double d = j.get<double>();
        if (d == std::floor(d) && std::fabs(d) < 9e18) {
          return MakeInt(field, static_cast<int64_t>(d), text);
        }
      }
      return WrongType(field, text);
    case FieldType::kDouble:
    case FieldType::kCurrency:
    case FieldType::kPercent:
      if (j.is_number()) return MakeFractional(field, j.get<double>(), text);
      return WrongType(field, text);
    case FieldType::kDate:
      if (j.is_number_integer()) {
        const int64_t ms = j.get<int64_t>();
        const int64_t days = ms >= 0 ? ms / kDayMs : -((-ms + kDayMs - 1) / kDayMs);
        if (days < INT32_MIN || days > INT32_MAX) return WrongType(field, text);
        return FieldValue::Date(static_cast<int32_t>(days));
      }
      return WrongType(field, text);
    case FieldType::kDateTime:
      if (j.is_number_integer()) return FieldValue::DateTime(j.get<int64_t>());
      return WrongType(field, text);
    case FieldType::kId:
    case FieldType::kReference:
      return MakeSfError(400, "MALFORMED_ID", field.label + ": id value of incorrect type: " + text,
                         {field.name});
    default:
      return WrongType(field, text);
  }
}

}  // namespace recoup::sim::org
