// OrgOperation: the kinds of request the mock org serves, as the latency and fault models see them.
//
// Each kind has its own latency distribution and fault rates (latency_model.h, fault_model.h), and
// its own keyed random streams ("org.latency.<name>", "org.fault.<name>"). Names are the lower-case
// words that configuration files use: "retrieve", "query", "create", "update", "upsert", "delete",
// "composite", "bulk", "publish", "token".
#ifndef RECOUP_SIM_ORG_EVENTS_ORG_OPERATION_H_
#define RECOUP_SIM_ORG_EVENTS_ORG_OPERATION_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recoup::sim::org::events {

enum class OrgOperation : uint8_t {
  kRetrieve,   // GET one record (sObject retrieve, collections retrieve)
  kQuery,      // query, queryAll, query-more
  kCreate,     // POST a record
  kUpdate,     // PATCH a record
  kUpsert,     // PATCH by external id
  kDelete,     // DELETE a record
  kComposite,  // /composite and /composite/sobjects
  kBulk,       // Bulk API 2.0 job calls
  kPublish,    // platform event publish
  kToken,      // OAuth token endpoint
};

inline constexpr std::size_t kOrgOperationCount = 10;

// Every operation, in declaration order (the order used in error messages and documentation).
inline constexpr std::array<OrgOperation, kOrgOperationCount> kAllOrgOperations = {
    OrgOperation::kRetrieve, OrgOperation::kQuery,  OrgOperation::kCreate,    OrgOperation::kUpdate,
    OrgOperation::kUpsert,   OrgOperation::kDelete, OrgOperation::kComposite, OrgOperation::kBulk,
    OrgOperation::kPublish,  OrgOperation::kToken};

// The operation's configuration name ("retrieve", ...). Never empty.
std::string_view OrgOperationName(OrgOperation operation);

// The operation named `name` (exact, lower case), or nullopt.
std::optional<OrgOperation> ParseOrgOperation(std::string_view name);

// "retrieve, query, create, ..." for error messages.
std::string OrgOperationNameList();

// The operation's index in kAllOrgOperations (0 .. kOrgOperationCount - 1).
constexpr std::size_t OrgOperationIndex(OrgOperation operation) {
  return static_cast<std::size_t>(operation);
}

}  // namespace recoup::sim::org::events

#endif  // RECOUP_SIM_ORG_EVENTS_ORG_OPERATION_H_
