// Converting wire input into FieldValues for a given field: JSON (REST bodies) and CSV cells
// (Bulk 2.0), with Salesforce's errors, plus the date and datetime text parsers.
//
// Every error is an SfError with HTTP 400, fields = {field.name}, and a message that starts with
// the field's label (Salesforce style), e.g. "Balance: value not of required type: abc". Client
// text quoted in a message is made valid UTF-8 first (ToValidUtf8).
//   INVALID_TYPE_ON_FIELD_IN_RECORD: wrong JSON type, unparsable text, or invalid UTF-8
//     ("<Label>: value not of required type: <value>")
//   STRING_TOO_LONG: more characters (UTF-8 code points) than field.length
//     ("<Label>: data value too large: <value> (max length=<n>)")
//   INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: a value outside a restricted picklist
//     ("<Label>: bad value for restricted picklist field: <value>")
//   NUMBER_OUTSIDE_VALID_RANGE: more integer digits than precision - scale, or an int outside int32
//     ("<Label>: value outside of valid range on numeric field: <value>")
//   INVALID_EMAIL_ADDRESS: not exactly one '@' with text on both sides, no '.' inside the domain,
//     or spaces ("<Label>: invalid email address: <value>")
//   MALFORMED_ID: an Id/reference that is not a 15/18-character Id
//     ("<Label>: id value of incorrect type: <value>")
//
// Normalisation: "" means null for every type (Salesforce stores no empty strings). Doubles,
// currency and percent are rounded half away from zero to the field's scale. Restricted picklist
// values match case-insensitively and are stored in the picklist's own spelling; multipicklist
// values are split on ';', trimmed, de-duplicated and re-joined with ';'. JSON null for a boolean
// means false (checkboxes are never null). Whether null is allowed (nillable / required) is checked
// by the record store, not here.
#ifndef RECOUP_SIM_ORG_VALUE_PARSE_H_
#define RECOUP_SIM_ORG_VALUE_PARSE_H_

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "sim/org/sf_error.h"
#include "sim/org/value.h"

namespace recoup::sim::org {

struct FieldDef;

// Converts a JSON value from a request body for `field`. Accepted JSON types per field type:
//   string-like (string, textarea, email, phone, url, picklist, multipicklist): string, or a number
//   or
//     boolean (converted to its text);
//   boolean: true/false, "true"/"false" (any case), null (= false);
//   int: an integral number in int32 range, or a string holding one;
//   double/currency/percent: a number, or a string holding one;
//   date: "YYYY-MM-DD", or a number of epoch milliseconds (truncated to the UTC day);
//   datetime: ParseDateTimeText forms, or a number of epoch milliseconds;
//   id/reference: a 15/18-character Id string (existence and target object are checked by the
//   store).
SfOr<FieldValue> FieldValueFromJson(const FieldDef& field, const nlohmann::json& value);

// Converts a Bulk 2.0 CSV cell (already unquoted). Returns nullopt for an empty cell (on insert the
// field is left unset; on update it is left unchanged), FieldValue::Null() for "#N/A" (set to
// null). Otherwise the text is read as the JSON string of the same content would be, except that
// booleans also accept "1"/"0" and numbers are read from text.
SfOr<std::optional<FieldValue>> FieldValueFromCsv(const FieldDef& field, std::string_view cell);

// Converts SOQL-literal or other text for `field` (the CSV rules without the empty/#N/A cases: ""
// gives null).
SfOr<FieldValue> FieldValueFromText(const FieldDef& field, std::string_view text);

// Checks that a value, whoever built it, fits `field`: its kind matches the type (text types
// kString, boolean kBool, int kInt, double/currency/percent kDouble or kInt, date kDate, datetime
// kDateTime, id/reference kId; INVALID_TYPE_ON_FIELD_IN_RECORD otherwise) and it obeys the
// converters' rules (length, restricted picklist membership (case-insensitive) for picklists and
// each multipicklist item, numeric range, email shape). Null always passes (nillability is the
// store's business).
SfStatus CheckFieldValue(const FieldDef& field, ValueView value);

// Parses "YYYY-MM-DD" (years 0001-9999, real calendar days). nullopt on any other text.
std::optional<int32_t> ParseDateText(std::string_view text);

// Parses "YYYY-MM-DDTHH:MM:SS[.f{1,9}][Z|+HHMM|+HH:MM|-HHMM|-HH:MM]" (no zone = UTC; the fraction
// is truncated to milliseconds) or a bare "YYYY-MM-DD" (midnight UTC). Returns epoch milliseconds,
// or nullopt on any other text.
std::optional<int64_t> ParseDateTimeText(std::string_view text);

// True when `s` is well-formed UTF-8 (no stray continuation bytes, truncated or overlong sequences,
// surrogates, or code points above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// `s` with every byte that does not start a well-formed sequence replaced by U+FFFD (error messages
// quote client input this way, so they are always valid JSON strings).
std::string ToValidUtf8(std::string_view s);

// Number of UTF-8 code points in `s` (bytes 0x80-0xBF that continue a sequence are not counted).
size_t Utf8Length(std::string_view s);

}  // namespace recoup::sim::org

#endif  // RECOUP_SIM_ORG_VALUE_PARSE_H_
