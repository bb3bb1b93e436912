// Field values of the mock org: an owning FieldValue (what callers build and pass in) and a
// non-owning ValueView (what the record store hands out on reads, with no heap allocation), their
// JSON and CSV output in Salesforce's exact formats, and the comparisons SOQL needs.
//
// Kinds: null, bool, int (int64), double, string (UTF-8; also picklist, multipicklist "a;b", email,
// phone, url, textarea), date (days since 1970-01-01), datetime (milliseconds since the Unix epoch,
// UTC) and id (an SfId; Id and reference fields). Conversions *into* values, which need the field's
// definition, are in value_parse.h.
//
// Output formats (reference/salesforce-api.md section 1): JSON date "2025-03-01", datetime
// "2025-03-01T12:34:56.000+0000", ids in 18 characters, numbers and booleans native. CSV
// (Bulk 2.0): null is the empty cell, booleans "true"/"false", datetimes
// "2025-03-01T12:34:56.000Z", other values as in JSON but unquoted (the CSV writer adds quoting).
#ifndef RECOUP_SIM_ORG_VALUE_H_
#define RECOUP_SIM_ORG_VALUE_H_

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "sim/org/ids.h"

namespace recoup::sim::org {

enum class ValueKind : uint8_t { kNull, kBool, kInt, kDouble, kString, kDate, kDateTime, kId };

// "null", "bool", "int", "double", "string", "date", "datetime", "id".
std::string_view ValueKindName(ValueKind kind);

class FieldValue;

// A read-only view of a value. Trivially copyable (40 bytes). A string kind points either into
// storage it does not own (the record store's arena: valid until the store's next write) or into
// its own inline buffer (short strings made by the store on the fly, such as auto-numbers); str()
// works for both after copies. Ids are held inline.
class ValueView {
 public:
  constexpr ValueView() = default;  // null
  static ValueView Null() { return ValueView(); }
  static ValueView Bool(bool b);
  static ValueView Int(int64_t i);
  static ValueView Double(double d);
  // Does not copy: `s` must outlive every use of this view.
  static ValueView String(std::string_view s);
  // Copies `s` into the inline buffer; s.size() <= kInlineCapacity (checked).
  static ValueView InlineString(std::string_view s);
  static ValueView Date(int32_t days_since_epoch);
  static ValueView DateTime(int64_t millis_since_epoch);
  static ValueView Id(const SfId& id);  // a null view when id.empty()

  static constexpr size_t kInlineCapacity = 24;

  ValueKind kind() const { return kind_; }
  bool is_null() const { return kind_ == ValueKind::kNull; }
  // Accessors check the kind (a mismatch is a bug).
  bool bool_value() const;
  int64_t int_value() const;
  double double_value() const;
  std::string_view str() const;     // kString only
  int32_t date_days() const;        // kDate only
  int64_t datetime_millis() const;  // kDateTime only
  const SfId& id() const;           // kId only
  // int or double as a double (checked numeric).
  double AsDouble() const;
  bool is_numeric() const { return kind_ == ValueKind::kInt || kind_ == ValueKind::kDouble; }

  FieldValue ToOwned() const;

 private:
  ValueKind kind_ = ValueKind::kNull;
  bool inline_ = false;
  uint8_t inline_size_ = 0;
  union {
    bool b;
    int64_t i;
    double d;
    int32_t days;
    int64_t millis;
    const char* ptr;
  } u_{};
  union {
    size_t size;                // external string length
    char buf[kInlineCapacity];  // inline string bytes
    SfId id;
  } s_{};
};

// An owning value. Cheap to move; copying copies the string.
class FieldValue {
 public:
  FieldValue() = default;  // null
  static FieldValue Null() { return FieldValue(); }
  static FieldValue Bool(bool b);
  static FieldValue Int(int64_t i);
  static FieldValue Double(double d);
  static FieldValue String(std::string s);
  static FieldValue Date(int32_t days_since_epoch);
  static FieldValue DateTime(int64_t millis_since_epoch);
  static FieldValue Id(const SfId& id);  // null when id.empty()

  ValueKind kind() const { return kind_; }
  bool is_null() const { return kind_ == ValueKind::kNull; }
  bool bool_value() const { return view().bool_value(); }
  int64_t int_value() const { return view().int_value(); }
  double double_value() const { return view().double_value(); }
  const std::string& str() const;  // kString only (checked)
  int32_t date_days() const { return view().date_days(); }
  int64_t datetime_millis() const { return view().datetime_millis(); }
  const SfId& id() const { return id_; }  // kId only meaningful

  // A view of this value, valid while this FieldValue lives unchanged.
  ValueView view() const;
  operator ValueView() const { return view(); }  // NOLINT: a value is usable wherever a view is

  friend bool operator==(const FieldValue& a, const FieldValue& b);

 private:
  ValueKind kind_ = ValueKind::kNull;
  int64_t bits_ = 0;  // bool / int / double (bit copy) / days / millis
  std::string str_;
  SfId id_;
};

// ---- Output -------------------------------------------------------------------------------------

// The JSON value in the REST wire format (null, true, 12, 10.5, "x", "2025-03-01",
// "2025-03-01T12:34:56.000+0000", 18-character Id).
nlohmann::json ValueToJson(ValueView v);
// Appends the same JSON text to `out` (fast path for writers that build JSON text directly).
void AppendValueJson(ValueView v, std::string* out);
// Appends `s` as a JSON string literal (quotes, escapes for '"', '\\' and control characters; UTF-8
// passed through).
void AppendJsonString(std::string_view s, std::string* out);
// The CSV cell text (unquoted) in the Bulk 2.0 format; null gives "".
std::string ValueToCsv(ValueView v);
// Appends the CSV cell text to `out` (no allocation beyond out's growth).
void AppendValueCsv(ValueView v, std::string* out);

// "2025-03-01" for days since the epoch (proleptic Gregorian, any year 0000-9999).
std::string FormatDate(int32_t days_since_epoch);
// "2025-03-01T12:34:56.000+0000" (JSON) or "2025-03-01T12:34:56.000Z" (CSV / z_suffix).
std::string FormatDateTime(int64_t millis_since_epoch, bool z_suffix = false);
// Civil date <-> days since 1970-01-01 (Howard Hinnant's algorithm; no range limit within int32).
int32_t DaysFromCivil(int year, int month, int day);
void CivilFromDays(int32_t days, int* year, int* month, int* day);

// ---- Comparison (SOQL) --------------------------------------------------------------------------

// ASCII case-insensitive equality / three-way order (UTF-8 bytes >= 0x80 compare as bytes).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
int CompareIgnoreCase(std::string_view a, std::string_view b);

// True when a and b can be compared: both numeric (int/double mix), both strings, both dates, both
// datetimes, both bools, both ids, or an id against a string (the string is parsed as an Id).
bool Comparable(ValueView a, ValueView b);

// SOQL equality of two non-null comparable values: strings case-insensitively, numbers by value
// (1 == 1.0), ids by their 15-character form, id vs string by parsing the string as a
// 15/18-character Id (false if it does not parse). Null equals only null. Incomparable kinds are
// unequal.
bool SoqlEquals(ValueView a, ValueView b);

// Three-way order for SOQL ORDER BY / < / >: <0, 0, >0. Strings compare case-insensitively, then
// byte-wise as a tie-break when `total` is true (a deterministic total order for sorting); numbers
// by value; dates, datetimes, ids and bools (false < true) naturally. Nulls sort before everything
// (the caller applies NULLS FIRST/LAST). Incomparable kinds order by ValueKind (deterministic,
// meaningless).
int SoqlCompare(ValueView a, ValueView b, bool total = true);

// A hash consistent with SoqlEquals for values of one kind (strings hashed case-folded unless
// `case_sensitive`, numbers by value with 1 and 1.0 equal, ids by their 15-character form). Used by
// the store's indexes.
uint64_t SoqlHash(ValueView v, bool case_sensitive = false);

}  // namespace recoup::sim::org

#endif  // RECOUP_SIM_ORG_VALUE_H_
