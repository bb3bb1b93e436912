// Canonical dumps of the SOQL syntax tree (see ast.h).
#include "sim/org/soql/ast.h"

#include <cstdio>

#include "sim/org/soql/text.h"

namespace recoup::sim::org::soql {
namespace {

void AppendQuoted(std::string_view text, std::string* out) {
  *out += '\'';
  for (size_t i = 0; i < text.size();) {
    const char32_t c = NextCodePoint(text, &i);
    switch (c) {
      case U'\'':
        *out += "\\'";
        break;
      case U'\\':
        *out += "\\\\";
        break;
      case U'\n':
        *out += "\\n";
        break;
      case U'\r':
        *out += "\\r";
        break;
      case U'\t':
        *out += "\\t";
        break;
      case U'\b':
        *out += "\\b";
        break;
      case U'\f':
        *out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
          *out += buf;
        } else {
          AppendUtf8(c, out);
        }
    }
  }
  *out += '\'';
}

std::string FormatDay(CivilDayNumber day) {
  int64_t year = 0;
  int month = 0;
  int dom = 0;
  CivilFromDayNumber(day, &year, &month, &dom);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(year), month, dom);
  return buf;
}

void AppendOrderBy(const std::vector<OrderItem>& items, std::string* out) {
  if (items.empty()) return;
  *out += " (order-by";
  for (const OrderItem& item : items) {
    *out += " (";
    *out += item.field.ToString();
    *out += item.descending ? " desc" : " asc";
    if (item.nulls == NullsOrder::kFirst) *out += " nulls-first";
    if (item.nulls == NullsOrder::kLast) *out += " nulls-last";
    *out += ')';
  }
  *out += ')';
}

void AppendCondition(const Condition& c, std::string* out) {
  switch (c.kind) {
    case Condition::Kind::kComparison: {
      const Comparison& cmp = c.comparison;
      *out += '(';
      *out += CompareOpText(cmp.op);
      *out += ' ';
      *out += cmp.field.ToString();
      if (cmp.op == CompareOp::kLike) {
        *out += " '";
        *out += cmp.like.ToString();  // already escaped as SOQL string content
        *out += '\'';
      } else if (cmp.op == CompareOp::kIn || cmp.op == CompareOp::kNotIn ||
                 cmp.op == CompareOp::kIncludes || cmp.op == CompareOp::kExcludes) {
        *out += " (";
        for (size_t i = 0; i < cmp.values.size(); ++i) {
          if (i > 0) *out += ' ';
          *out += DumpLiteral(cmp.values[i]);
        }
        *out += ')';
      } else {
        *out += ' ';
        *out += DumpLiteral(cmp.values.at(0));
      }
      *out += ')';
      return;
    }
    case Condition::Kind::kAnd:
    case Condition::Kind::kOr:
    case Condition::Kind::kNot:
      *out += c.kind == Condition::Kind::kAnd  ? "(and"
              : c.kind == Condition::Kind::kOr ? "(or"
                                               : "(not";
      for (const Condition& operand : c.operands) {
        *out += ' ';
        AppendCondition(operand, out);
      }
      *out += ')';
      return;
  }
}

}  // namespace

std::string FieldPath::ToString() const {
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) text += '.';
    text += parts[i];
  }
  return text;
}

std::string_view CompareOpText(CompareOp op) {
  switch (op) {
    case CompareOp::kEq:
      return "=";
    case CompareOp::kNe:
      return "!=";
    case CompareOp::kLt:
      return "<";
    case CompareOp::kLe:
      return "<=";
    case CompareOp::kGt:
      return ">";
    case CompareOp::kGe:
      return ">=";
    case CompareOp::kLike:
      return "like";
    case CompareOp::kIn:
      return "in";
    case CompareOp::kNotIn:
      return "not-in";
    case CompareOp::kIncludes:
      return "includes";
    case CompareOp::kExcludes:
      return "excludes";
  }
  return "?";
}

std::string DumpLiteral(const Literal& literal) {
  switch (literal.kind) {
    case Literal::Kind::kNull:
      return "null";
    case Literal::Kind::kBoolean:
      return literal.bool_value ? "true" : "false";
    case Literal::Kind::kNumber:
      return literal.text;
    case Literal::Kind::kString: {
      std::string out;
      AppendQuoted(literal.string_value, &out);
      return out;
    }
    case Literal::Kind::kDate:
      return FormatDay(literal.date_value);
    case Literal::Kind::kDateTime:
      if (literal.datetime_value == Timestamp::InfinitePast()) return "-inf";
      if (literal.datetime_value == Timestamp::InfiniteFuture()) return "+inf";
      return literal.datetime_value.ToIso8601();
    case Literal::Kind::kDateLiteral:
      return FormatDateLiteral(literal.date_literal);
  }
  return "?";
}

std::string DumpCondition(const Condition& condition) {
  std::string out;
  AppendCondition(condition, &out);
  return out;
}

std::string DumpQuery(const Query& query) {
  std::string out = "(select (";
  for (size_t i = 0; i < query.select.size(); ++i) {
    if (i > 0) out += ' ';
    const SelectItem& item = query.select[i];
    switch (item.kind) {
      case SelectItem::Kind::kField:
        out += item.field.ToString();
        break;
      case SelectItem::Kind::kCount:
        out += "count";
        break;
      case SelectItem::Kind::kSubquery: {
        const Subquery& sub = query.subqueries.at(item.subquery);
        out += "(sub ";
        out += sub.relationship;
        out += " (";
        for (size_t k = 0; k < sub.fields.size(); ++k) {
          if (k > 0) out += ' ';
          out += sub.fields[k].ToString();
        }
        out += ')';
        if (sub.where) {
          out += " (where ";
          AppendCondition(*sub.where, &out);
          out += ')';
        }
        AppendOrderBy(sub.order_by, &out);
        if (sub.limit) out += " (limit " + std::to_string(*sub.limit) + ")";
        out += ')';
        break;
      }
    }
  }
  out += ") (from ";
  out += query.object;
  out += ')';
  if (query.where) {
    out += " (where ";
    AppendCondition(*query.where, &out);
    out += ')';
  }
  AppendOrderBy(query.order_by, &out);
  if (query.limit) out += " (limit " + std::to_string(*query.limit) + ")";
  if (query.offset) out += " (offset " + std::to_string(*query.offset) + ")";
  out += ')';
  return out;
}

}  // namespace recoup::sim::org::soql
