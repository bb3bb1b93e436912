// Text forms of values: civil dates, JSON and CSV output (value.h), and the date / datetime text
// parsers (value_parse.h).
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "sim/org/value.h"
#include "sim/org/value_parse.h"

namespace recoup::sim::org {
namespace {

constexpr int64_t kDayMs = 86'400'000;

void AppendPadded(int64_t v, int width, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  (void)ec;
  for (int pad = width - static_cast<int>(end - buf); pad > 0; --pad) out->push_back('0');
  out->append(buf, end);
}

void AppendDate(int32_t days, std::string* out) {
  int y = 0, m = 0, d = 0;
  CivilFromDays(days, &y, &m, &d);
  if (y < 0) out->push_back('-');
  AppendPadded(y < 0 ? -static_cast<int64_t>(y) : y, 4, out);
  out->push_back('-');
  AppendPadded(m, 2, out);
  out->push_back('-');
  AppendPadded(d, 2, out);
}

void AppendDateTime(int64_t millis, bool z_suffix, std::string* out) {
  int64_t days = millis / kDayMs;
  int64_t rem = millis % kDayMs;
  if (rem < 0) {
    rem += kDayMs;
    --days;
  }
  AppendDate(static_cast<int32_t>(days), out);
  out->push_back('T');
  AppendPadded(rem / 3'600'000, 2, out);
  out->push_back(':');
  AppendPadded(rem / 60'000 % 60, 2, out);
  out->push_back(':');
  AppendPadded(rem / 1000 % 60, 2, out);
  out->push_back('.');
  AppendPadded(rem % 1000, 3, out);
  out->append(z_suffix ? "Z" : "+0000");
}

void AppendDouble(double d, std::string* out) {
  if (!std::isfinite(d)) {
    out->append("null");
    return;
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), d);
  (void)ec;
  out->append(buf, end);
  if (std::string_view(buf, static_cast<size_t>(end - buf)).find_first_of(".e") ==
      std::string_view::npos) {
    out->append(".0");
  }
}

}  // namespace

// ---- Output -------------------------------------------------------------------------------------

int32_t DaysFromCivil(int year, int month, int day) {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int32_t days, int* year, int* month, int* day) {
  const int64_t z = static_cast<int64_t>(days) + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  *year = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  *month = static_cast<int>(m);
  *day = static_cast<int>(d);
}

std::string FormatDate(int32_t days_since_epoch) {
  std::string out;
  AppendDate(days_since_epoch, &out);
  return out;
}

std::string FormatDateTime(int64_t millis_since_epoch, bool z_suffix) {
  std::string out;
  AppendDateTime(millis_since_epoch, z_suffix, &out);
  return out;
}

nlohmann::json ValueToJson(ValueView v) {
  switch (v.kind()) {
    case ValueKind::kNull:
      return nullptr;
    case ValueKind::kBool:
      return v.bool_value();
    case ValueKind::kInt:
      return v.int_value();
    case ValueKind::kDouble:
      return v.double_value();
    case ValueKind::kString:
      return std::string(v.str());
    case ValueKind::kDate:
      return FormatDate(v.date_days());
    case ValueKind::kDateTime:
      return FormatDateTime(v.datetime_millis());
    case ValueKind::kId:
      return v.id().ToLong();
  }
  return nullptr;
}

void AppendJsonString(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (u < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[u >> 4]);
          out->push_back(kHex[u & 15]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void AppendValueJson(ValueView v, std::string* out) {
  switch (v.kind()) {
    case ValueKind::kNull:
      out->append("null");
      return;
    case ValueKind::kBool:
      out->append(v.bool_value() ? "true" : "false");
      return;
    case ValueKind::kInt:
      AppendPadded(v.int_value(), 0, out);
      return;
    case ValueKind::kDouble:
      AppendDouble(v.double_value(), out);
      return;
    case ValueKind::kString:
      AppendJsonString(v.str(), out);
      return;
    case ValueKind::kDate:
      out->push_back('"');
      AppendDate(v.date_days(), out);
      out->push_back('"');
      return;
    case ValueKind::kDateTime:
      out->push_back('"');
      AppendDateTime(v.datetime_millis(), false, out);
      out->push_back('"');
      return;
    case ValueKind::kId: {
      char buf[SfId::kLongLength];
      v.id().WriteLong(buf);
      out->push_back('"');
      out->append(buf, sizeof(buf));
      out->push_back('"');
      return;
    }
  }
}

void AppendValueCsv(ValueView v, std::string* out) {
  switch (v.kind()) {
    case ValueKind::kNull:
      return;
    case ValueKind::kBool:
      out->append(v.bool_value() ? "true" : "false");
      return;
    case ValueKind::kInt:
      AppendPadded(v.int_value(), 0, out);
      return;
    case ValueKind::kDouble:
      if (std::isfinite(v.double_value())) AppendDouble(v.double_value(), out);
      return;
    case ValueKind::kString:
      out->append(v.str());
      return;
    case ValueKind::kDate:
      AppendDate(v.date_days(), out);
      return;
    case ValueKind::kDateTime:
      AppendDateTime(v.datetime_millis(), true, out);
      return;
    case ValueKind::kId: {
      char buf[SfId::kLongLength];
      v.id().WriteLong(buf);
      out->append(buf, sizeof(buf));
      return;
    }
  }
}

std::string ValueToCsv(ValueView v) {
  std::string out;
  AppendValueCsv(v, &out);
  return out;
}

// ---- Date and datetime text (value_parse.h) -----------------------------------------------------

std::optional<int32_t> ParseDateText(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  }
  const auto num = [&](size_t pos, size_t n) {
    int64_t v = 0;
    for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  const int64_t y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 1 || m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int max_day = kMonthDays[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > max_day) return std::nullopt;
  return DaysFromCivil(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
}

std::optional<int64_t> ParseDateTimeText(std::string_view t) {
  if (t.size() < 10) return std::nullopt;
  std::optional<int32_t> days = ParseDateText(t.substr(0, 10));
  if (!days) return std::nullopt;
  if (t.size() == 10) return int64_t{*days} * kDayMs;
  auto digits = [&](size_t pos, size_t n, int64_t* out) {
    if (pos + n > t.size()) return false;
    *out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      *out = *out * 10 + (t[i] - '0');
    }
    return true;
  };
  int64_t hh = 0, mi = 0, ss = 0;
  if (t.size() < 19 || (t[10] != 'T' && t[10] != 't') || t[13] != ':' || t[16] != ':' ||
      !digits(11, 2, &hh) || !digits(14, 2, &mi) || !digits(17, 2, &ss) || hh > 23 || mi > 59 ||
      ss > 59) {
    return std::nullopt;
  }
  size_t pos = 19;
  int64_t millis = 0;
  if (pos < t.size() && t[pos] == '.') {
    ++pos;
    const size_t start = pos;
    while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') ++pos;
    const size_t n = pos - start;
    if (n == 0 || n > 9) return std::nullopt;
    for (size_t i = 0; i < 3; ++i) millis = millis * 10 + (i < n ? t[start + i] - '0' : 0);
  }
  int64_t offset_minutes = 0;
  if (pos < t.size()) {
    const char z = t[pos];
    if (z == 'Z' || z == 'z') {
      ++pos;
    } else if (z == '+' || z == '-') {
      int64_t oh = 0, om = 0;
      if (!digits(pos + 1, 2, &oh)) return std::nullopt;
      size_t mpos = pos + 3;
      if (mpos < t.size() && t[mpos] == ':') ++mpos;
      if (!digits(mpos, 2, &om) || oh > 23 || om > 59) return std::nullopt;
      offset_minutes = (oh * 60 + om) * (z == '-' ? -1 : 1);
      pos = mpos + 2;
    } else {
      return std::nullopt;
    }
  }
  if (pos != t.size()) return std::nullopt;
  return int64_t{*days} * kDayMs + ((hh * 60 + mi) * 60 + ss) * 1000 + millis -
         offset_minutes * 60'000;
}

}  // namespace recoup::sim::org
