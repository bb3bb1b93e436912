// The SOQL binder (see binder.h).
#include "sim/org/soql/binder.h"

#include <algorithm>
#include <utility>

#include "sim/org/ids.h"
#include "sim/org/soql/query_error.h"
#include "sim/org/soql/text.h"

namespace recoup::sim::org::soql {
namespace {

constexpr std::string_view kCustomObjectHint =
    " If you are attempting to use a custom object, be sure to append the '__c' after the entity "
    "name. Please reference your WSDL or the describe call for the appropriate names.";
constexpr std::string_view kCustomFieldHint =
    " If you are attempting to use a custom field, be sure to append the '__c' after the custom "
    "field name. Please reference your WSDL or the describe call for the appropriate names.";
constexpr std::string_view kCustomRelationshipHint =
    " If you are attempting to use a custom relationship, be sure to append the '__r' after the "
    "custom relationship name. Please reference your WSDL or the describe call for the appropriate "
    "names.";

bool IsIdType(FieldType t) { return t == FieldType::kId || t == FieldType::kReference; }

// Splits a multi-select value "a; b;a" into trimmed, de-duplicated (case-insensitively) items.
std::vector<std::string> SplitItems(std::string_view text) {
  std::vector<std::string> items;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find(';', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(begin, end - begin);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty()) {
      const bool seen = std::any_of(items.begin(), items.end(),
                                    [&](const std::string& s) { return EqualsFolded(s, item); });
      if (!seen) items.emplace_back(item);
    }
    begin = end + 1;
  }
  return items;
}

class Binder {
 public:
  Binder(const Query& query, const Schema& schema, const BindContext& context)
      : query_(query), schema_(schema), context_(context) {}

  SfOr<BoundQuery> Run() {
    BoundQuery bound;
    if (!BindAll(&bound)) return std::move(*error_);
    return bound;
  }

 private:
  bool Fail(SfError error) {
    if (!error_) error_ = std::move(error);
    return false;
  }
  bool FailAt(std::string_view code, uint32_t offset, std::string_view detail) {
    return Fail(PositionedError(code, query_.source, offset, detail));
  }

  bool BindAll(BoundQuery* bound) {
    const ObjectDef* object = schema_.FindObject(query_.object);
    if (object == nullptr || !object->queryable()) {
      return FailAt("INVALID_TYPE", query_.object_offset,
                    "sObject type '" + query_.object + "' is not supported." +
                        std::string(kCustomObjectHint));
    }
    bound->object = object;
    bound->count = query_.count;
    bound->nodes.push_back(ProjectionNode{object, {}});
    std::vector<std::string> child_names;  // subquery relationships already selected
    for (const SelectItem& item : query_.select) {
      switch (item.kind) {
        case SelectItem::Kind::kCount:
          break;
        case SelectItem::Kind::kField:
          if (!Project(item.field, object, &bound->nodes)) return false;
          break;
        case SelectItem::Kind::kSubquery: {
          const Subquery& sub = query_.subqueries.at(item.subquery);
          BoundSubquery bs;
          if (!BindSubquery(sub, object, &bs)) return false;
          for (const std::string& name : child_names) {
            if (EqualsIgnoreCaseAscii(name, bs.relationship->relationship_name)) {
              return Fail(MakeSfError(400, "INVALID_FIELD",
                                      "duplicate field selected: " + sub.relationship));
            }
          }
          child_names.push_back(bs.relationship->relationship_name);
          ProjectionMember member;
          member.kind = ProjectionMember::Kind::kChild;
          member.subquery = bound->subqueries.size();
          bound->nodes[0].members.push_back(member);
          bound->subqueries.push_back(std::move(bs));
          break;
        }
      }
    }
    if (query_.where) {
      bound->where.emplace();
      if (!BindCondition(*query_.where, object, &*bound->where)) return false;
    }
    if (!BindOrderBy(query_.order_by, object, &bound->order_by)) return false;
    bound->limit = query_.limit;
    bound->offset = query_.offset;
    return true;
  }

  bool BindSubquery(const Subquery& sub, const ObjectDef* parent, BoundSubquery* out) {
    const ChildRelationship* rel = parent->FindChildRelationship(sub.relationship);
    if (rel == nullptr) {
      return FailAt("INVALID_TYPE", sub.relationship_offset,
                    "Didn't understand relationship '" + sub.relationship +
                        "' in FROM part of query call." + std::string(kCustomRelationshipHint));
    }
    out->relationship = rel;
    out->object = &schema_.child_object(*rel);
    out->nodes.push_back(ProjectionNode{out->object, {}});
    for (const FieldPath& path : sub.fields) {
      if (!Project(path, out->object, &out->nodes)) return false;
    }
    if (sub.where) {
      out->where.emplace();
      if (!BindCondition(*sub.where, out->object, &*out->where)) return false;
    }
    if (!BindOrderBy(sub.order_by, out->object, &out->order_by)) return false;
    out->limit = sub.limit;
    return true;
  }

  // Resolves `path` from `base`.
  bool ResolvePath(const FieldPath& path, const ObjectDef* base, BoundPath* out) {
    out->text = path.ToString();
    out->offset = path.offset;
    const ObjectDef* object = base;
    for (size_t i = 0; i + 1 < path.parts.size(); ++i) {
      const FieldDef* ref = object->FindFieldByRelationship(path.parts[i]);
      if (ref == nullptr || ref->reference_object_index < 0) {
        return FailAt("INVALID_FIELD", path.offset,
                      "Didn't understand relationship '" + path.parts[i] + "' in field path." +
                          std::string(kCustomRelationshipHint));
      }
      out->hops.push_back(ref);
      object = &schema_.object(ref->reference_object_index);
    }
    const FieldDef* field = object->FindField(path.parts.back());
    if (field == nullptr) {
      return FailAt("INVALID_FIELD", path.offset,
                    "No such column '" + path.parts.back() + "' on entity '" + object->name() +
                        "'." + std::string(kCustomFieldHint));
    }
    out->field = field;
    out->object = object;
    return true;
  }

  // Adds a SELECT path to the projection `nodes` (nodes[0] is the base object).
  bool Project(const FieldPath& path, const ObjectDef* base, std::vector<ProjectionNode>* nodes) {
    BoundPath bp;
    if (!ResolvePath(path, base, &bp)) return false;
    size_t node = 0;
    for (const FieldDef* hop : bp.hops) {
      size_t next = SIZE_MAX;
      for (const ProjectionMember& m : (*nodes)[node].members) {
        if (m.kind == ProjectionMember::Kind::kParent && m.field == hop) next = m.node;
      }
      if (next == SIZE_MAX) {
        next = nodes->size();
        ProjectionMember member;
        member.kind = ProjectionMember::Kind::kParent;
        member.field = hop;
        member.node = next;
        (*nodes)[node].members.push_back(member);
        nodes->push_back(ProjectionNode{&schema_.object(hop->reference_object_index), {}});
      }
      node = next;
    }
    for (const ProjectionMember& m : (*nodes)[node].members) {
      if (m.kind == ProjectionMember::Kind::kField && m.field == bp.field) {
        return Fail(MakeSfError(400, "INVALID_FIELD", "duplicate field selected: " + bp.text));
      }
    }
    ProjectionMember member;
    member.kind = ProjectionMember::Kind::kField;
    member.field = bp.field;
    (*nodes)[node].members.push_back(member);
    return true;
  }

  bool BindOrderBy(const std::vector<OrderItem>& items, const ObjectDef* base,
                   std::vector<BoundOrder>* out) {
    for (const OrderItem& item : items) {
      BoundOrder order;
      if (!ResolvePath(item.field, base, &order.path)) return false;
      if (!order.path.field->sortable()) {
        return FailAt("INVALID_FIELD", item.field.offset,
                      "field '" + order.path.field->name + "' can not be sorted in a query call");
      }
      order.descending = item.descending;
      order.nulls_first = item.NullsFirst();
      out->push_back(std::move(order));
    }
    return true;
  }

  bool BindCondition(const Condition& c, const ObjectDef* base, BoundCondition* out) {
    out->kind = c.kind;
    if (c.kind != Condition::Kind::kComparison) {
      for (const Condition& operand : c.operands) {
        out->operands.emplace_back();
        if (!BindCondition(operand, base, &out->operands.back())) return false;
      }
      return true;
    }
    return BindComparison(c.comparison, base, &out->comparison);
  }

  // The type name and quoting rule of "value of filter criterion" messages.
  static std::string_view CriterionType(FieldType t, bool* quoted) {
    *quoted = false;
    switch (t) {
      case FieldType::kBoolean:
        return "boolean";
      case FieldType::kInt:
        return "integer";
      case FieldType::kDouble:
      case FieldType::kCurrency:
      case FieldType::kPercent:
        return "double";
      case FieldType::kDate:
        return "date";
      case FieldType::kDateTime:
        return "dateTime";
      case FieldType::kId:
      case FieldType::kReference:
        *quoted = true;
        return "id";
      default:
        *quoted = true;
        return "string";
    }
  }

  bool WrongKind(const BoundPath& path, const Literal& lit) {
    bool quoted = false;
    const std::string_view type = CriterionType(path.field->type, &quoted);
    std::string detail =
        "value of filter criterion for field '" + path.field->name + "' must be of type " +
        std::string(type) +
        (quoted ? " and should be enclosed in quotes" : " and should not be enclosed in quotes");
    return FailAt("INVALID_FIELD", lit.offset, detail);
  }

  bool BindComparison(const Comparison& cmp, const ObjectDef* base, BoundComparison* out) {
    if (!ResolvePath(cmp.field, base, &out->path)) return false;
    out->op = cmp.op;
    const FieldDef& field = *out->path.field;
    if (cmp.op == CompareOp::kLike) {
      if (IsIdType(field.type))
        return FailAt("MALFORMED_QUERY", cmp.op_offset, "invalid operator on id field");
      if (!IsTextType(field.type)) return WrongKind(out->path, cmp.values.at(0));
      out->like = cmp.like;
      return true;
    }
    if (cmp.op == CompareOp::kIncludes || cmp.op == CompareOp::kExcludes) {
      if (field.type != FieldType::kMultiPicklist) {
        return FailAt("MALFORMED_QUERY", cmp.op_offset,
                      "includes or excludes operator only valid on multipicklist field");
      }
      for (const Literal& lit : cmp.values) out->item_sets.push_back(SplitItems(lit.string_value));
      return true;
    }
    for (const Literal& lit : cmp.values) {
      BoundValue value;
      if (!BindValue(out->path, lit, &value)) return false;
      if (field.type == FieldType::kMultiPicklist) {
        out->item_sets.push_back(value.value.is_null() ? std::vector<std::string>{}
                                                       : SplitItems(value.value.str()));
      }
      out->values.push_back(std::move(value));
    }
    return true;
  }

  bool BindValue(const BoundPath& path, const Literal& lit, BoundValue* out) {
    const FieldDef& field = *path.field;
    if (lit.kind == Literal::Kind::kNull) return true;  // out->value is null
    switch (field.type) {
      case FieldType::kId:
      case FieldType::kReference: {
        if (lit.kind != Literal::Kind::kString) return WrongKind(path, lit);
        if (lit.string_value.empty()) return true;
        SfOr<SfId> id = ParseId(lit.string_value);
        if (!id.ok()) {
          return FailAt("MALFORMED_QUERY", lit.offset, "invalid ID field: " + lit.string_value);
        }
        out->value = FieldValue::Id(*id);
        return true;
      }
      case FieldType::kBoolean:
        if (lit.kind != Literal::Kind::kBoolean) return WrongKind(path, lit);
        out->value = FieldValue::Bool(lit.bool_value);
        return true;
      case FieldType::kInt:
      case FieldType::kDouble:
      case FieldType::kCurrency:
      case FieldType::kPercent:
        if (lit.kind != Literal::Kind::kNumber) return WrongKind(path, lit);
        out->value = lit.integer_value ? FieldValue::Int(*lit.integer_value)
                                       : FieldValue::Double(lit.number_value);
        return true;
      case FieldType::kDate:
        if (lit.kind == Literal::Kind::kDateLiteral) {
          const DateRange range = EvaluateDateLiteral(lit.date_literal, context_.dates);
          out->is_range = true;
          out->lo = range.first_day;
          out->hi = range.end_day;
          return true;
        }
        if (lit.kind != Literal::Kind::kDate) return WrongKind(path, lit);
        out->value = FieldValue::Date(static_cast<int32_t>(lit.date_value));
        return true;
      case FieldType::kDateTime:
        if (lit.kind == Literal::Kind::kDateLiteral) {
          const DateRange range = EvaluateDateLiteral(lit.date_literal, context_.dates);
          out->is_range = true;
          out->lo = FloorMillis(range.start);
          out->hi = FloorMillis(range.end);
          return true;
        }
        if (lit.kind != Literal::Kind::kDateTime) return WrongKind(path, lit);
        out->value = FieldValue::DateTime(FloorMillis(lit.datetime_value));
        return true;
      default:  // text types
        if (lit.kind != Literal::Kind::kString) return WrongKind(path, lit);
        if (!lit.string_value.empty()) out->value = FieldValue::String(lit.string_value);
        return true;
    }
  }

  static int64_t FloorMillis(Timestamp t) {
    const int64_t ns = t.unix_nanos();
    return ns / 1'000'000 - ((ns % 1'000'000 < 0) ? 1 : 0);
  }

  const Query& query_;
  const Schema& schema_;
  const BindContext& context_;
  std::optional<SfError> error_;
};

}  // namespace

SfOr<BoundQuery> Bind(const Query& query, const Schema& schema, const BindContext& context) {
  return Binder(query, schema, context).Run();
}

}  // namespace recoup::sim::org::soql
