// The SOQL binder: checks a parsed query (ast.h) against the org's schema and turns it into a bound
// query the executor runs: resolved objects, fields and relationship paths, literals converted to
// field values, date literals evaluated to ranges, and the output projection (which fields, parent
// objects and child lists each record carries, in SELECT order).
//
// Errors (HTTP 400; positioned messages as in query_error.h unless marked "bare"):
//   INVALID_TYPE   "sObject type 'X' is not supported. If you are attempting to use a custom
//   object, be
//                  sure to append the '__c' after the entity name. Please reference your WSDL or
//                  the describe call for the appropriate names." (unknown object, or a platform
//                  event)
//   INVALID_TYPE   "Didn't understand relationship 'X' in FROM part of query call. If you are
//   attempting
//                  to use a custom relationship, be sure to append the '__r' after the custom
//                  relationship name. Please reference your WSDL or the describe call for the
//                  appropriate names." (unknown child relationship in a subquery)
//   INVALID_FIELD  "No such column 'X' on entity 'Y'. If you are attempting to use a custom field,
//   be
//                  sure to append the '__c' after the custom field name. Please reference your WSDL
//                  or the describe call for the appropriate names."
//   INVALID_FIELD  "Didn't understand relationship 'X' in field path. If you are attempting to use
//   a
//                  custom relationship, be sure to append the '__r' after the custom relationship
//                  name. Please reference your WSDL or the describe call for the appropriate
//                  names."
//   INVALID_FIELD  "duplicate field selected: X" (bare, as Salesforce)
//   INVALID_FIELD  "value of filter criterion for field 'F' must be of type T and should not be
//   enclosed
//                  in quotes" (T = boolean, integer, double, date, dateTime) or "... must be of
//                  type T and should be enclosed in quotes" (T = string, id): a literal of the
//                  wrong kind, e.g. 'abc' for a number, 5 for a text field, a date for a datetime
//                  field or a datetime for a date field, a LIKE pattern on a non-text field
//   INVALID_FIELD  "field 'F' can not be sorted in a query call" (ORDER BY a
//   textarea/multipicklist) MALFORMED_QUERY "invalid ID field: X" (a string that is not a
//   15/18-character Id for an Id or
//                  reference field), "invalid operator on id field" (LIKE on an Id/reference),
//                  "includes or excludes operator only valid on multipicklist field"
// (Salesforce reported the last three as INVALID_QUERY_FILTER_OPERATOR before Summer '24, which
// replaced that code with MALFORMED_QUERY.)
//
// Semantics fixed here: '' means null for text and Id fields (Salesforce stores no empty strings);
// date literals are evaluated once, against BindContext::dates, so a query means the same on every
// page of its cursor.
#ifndef RECOUP_SIM_ORG_SOQL_BINDER_H_
#define RECOUP_SIM_ORG_SOQL_BINDER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/org/schema.h"
#include "sim/org/sf_error.h"
#include "sim/org/soql/ast.h"
#include "sim/org/soql/date_literal.h"
#include "sim/org/value.h"

namespace recoup::sim::org::soql {

// A field reached from a base object through zero or more parent lookups ("Account__r.Owner.Name").
// The schema owns the pointers.
struct BoundPath {
  std::vector<const FieldDef*> hops;  // reference fields, hops[0] on the base object
  const FieldDef* field = nullptr;    // the final field, on `object`
  const ObjectDef* object = nullptr;  // the object that holds `field`
  std::string text;                   // as written, for messages
  uint32_t offset = 0;
};

// One literal converted for the compared field. A date literal becomes a half-open range [lo, hi)
// of days (date fields) or milliseconds (datetime fields).
struct BoundValue {
  FieldValue value;  // null for NULL (and for '' on text/Id fields)
  bool is_range = false;
  int64_t lo = 0;
  int64_t hi = 0;
};

struct BoundComparison {
  BoundPath path;
  CompareOp op = CompareOp::kEq;
  std::vector<BoundValue> values;
  LikePattern like;                                 // kLike
  std::vector<std::vector<std::string>> item_sets;  // INCLUDES/EXCLUDES and multipicklist '=': each
                                                    // value split at ';', trimmed, de-duplicated
};

struct BoundCondition {
  Condition::Kind kind = Condition::Kind::kComparison;
  BoundComparison comparison;
  std::vector<BoundCondition> operands;
};

struct BoundOrder {
  BoundPath path;
  bool descending = false;
  bool nulls_first = true;
};

// What one record of an object carries in the output, in order.
struct ProjectionMember {
  enum class Kind : uint8_t { kField, kParent, kChild };
  Kind kind = Kind::kField;
  const FieldDef* field = nullptr;  // kField: the field; kParent: the reference field
  size_t node = 0;                  // kParent: index of the parent's node in the same node list
  size_t subquery = 0;              // kChild: index into BoundQuery::subqueries
};
struct ProjectionNode {
  const ObjectDef* object = nullptr;
  std::vector<ProjectionMember> members;
};

struct BoundSubquery {
  const ChildRelationship* relationship = nullptr;
  const ObjectDef* object = nullptr;  // the child object
  std::vector<ProjectionNode> nodes;  // nodes[0]: the child records
  std::optional<BoundCondition> where;
  std::vector<BoundOrder> order_by;
  std::optional<int64_t> limit;
};

struct BoundQuery {
  const ObjectDef* object = nullptr;
  bool count = false;
  std::vector<ProjectionNode> nodes;  // nodes[0]: the queried object's records
  std::vector<BoundSubquery> subqueries;
  std::optional<BoundCondition> where;
  std::vector<BoundOrder> order_by;
  std::optional<int64_t> limit;
  std::optional<int64_t> offset;
};

struct BindContext {
  DateContext dates;  // "now" and the user's time zone, week start and fiscal year
};

// Binds `query` against `schema`. The result points into `schema`, which must outlive it and not
// change. Errors as listed above; the first one found is reported, checking FROM, then the SELECT
// list (subqueries in place), then WHERE, then ORDER BY.
SfOr<BoundQuery> Bind(const Query& query, const Schema& schema, const BindContext& context);

}  // namespace recoup::sim::org::soql

#endif  // RECOUP_SIM_ORG_SOQL_BINDER_H_
