#include "sim/org/events/org_operation.h"

namespace recoup::sim::org::events {
namespace {

constexpr std::array<std::string_view, kOrgOperationCount> kNames = {
    "retrieve", "query",     "create", "update",  "upsert",
    "delete",   "composite", "bulk",   "publish", "token"};

}  // namespace

std::string_view OrgOperationName(OrgOperation operation) {
  return kNames[OrgOperationIndex(operation)];
}

std::optional<OrgOperation> ParseOrgOperation(std::string_view name) {
  for (const OrgOperation operation : kAllOrgOperations) {
    if (OrgOperationName(operation) == name) return operation;
  }
  return std::nullopt;
}

std::string OrgOperationNameList() {
  std::string list;
  for (const OrgOperation operation : kAllOrgOperations) {
    if (!list.empty()) list += ", ";
    list += OrgOperationName(operation);
  }
  return list;
}

}  // namespace recoup::sim::org::events
