// Org: the mock Salesforce org as one object. It owns the schema, the record store, the SOQL engine
// (query cursors) and the platform-event bus, and hands out exclusive access to the mutable parts.
// The HTTP resources (sim/org/rest) and the simulation's OrgPort adapter (sim/adapters) both work
// through it, so a record written by one is seen by the other.
//
// Users: the org's User records are created first, in the order given, so that user i (0-based)
// has the Id SfId::Generate("005", i + 1); OAuth principals (sim/org/http/oauth.h) name them by
// that Id. The record store accepts only those Ids as the acting user.
//
// Thread safety: schema() is immutable; events() is internally synchronised; the store and the
// query engine are reached only through a Session, which holds the org's mutex for its lifetime.
// Keep sessions short (one request). The lock is recursive: a thread that holds a session may take
// another (/composite runs its subrequests' handlers inside one session and one transaction).
#ifndef RECOUP_SIM_ORG_SERVICE_ORG_H_
#define RECOUP_SIM_ORG_SERVICE_ORG_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "sim/org/events/api_limits.h"
#include "sim/org/events/event_bus.h"
#include "sim/org/ids.h"
#include "sim/org/record_store.h"
#include "sim/org/schema.h"
#include "sim/org/sf_error.h"
#include "sim/org/soql/query_engine.h"

namespace recoup::sim::org {

// A user of the org (a User record).
struct OrgUser {
  std::string name = "Integration User";
  std::string username = "integration@recoup.example";
  std::string email = "integration@recoup.example";
};

struct OrgConfig {
  Schema schema = DefaultCollectionsSchema();
  // At least one; usernames unique (case-insensitive). User i gets Id Generate("005", i + 1).
  std::vector<OrgUser> users = {OrgUser{}};
  events::EventBusConfig events;
  // When the User records are created (their CreatedDate).
  Timestamp created = Timestamp::FromCivilUtc(2025, 1, 1, 0, 0, 0);
};

// The Id of user i (0-based) of an org: Generate("005", i + 1).
SfId OrgUserId(size_t index);

class Org {
 public:
  // Validates the config (InvalidArgument naming the field: no users, an empty or duplicate
  // username, a bad event bus config), creates the store, the User records, the query engine and
  // the event bus, and defines one event channel per platform-event object of the schema (its
  // custom fields, with their describe types). `limits` (not owned, may be null: unlimited) must
  // outlive the org; publishing counts against it.
  static StatusOr<std::unique_ptr<Org>> Create(OrgConfig config, events::ApiLimits* limits);
  ~Org();
  Org(const Org&) = delete;
  Org& operator=(const Org&) = delete;

  const Schema& schema() const { return *schema_; }
  events::EventBus& events() { return *bus_; }
  size_t user_count() const { return user_count_; }

  // The store user for an 18-character (or 15-character) User Id text, such as an OAuth
  // principal's user_id. INVALID_SESSION_ID (401) "Session expired or invalid" when it names no
  // User record of this org (a token for a user the org does not have must not write as someone).
  SfOr<SfId> ResolveUser(std::string_view user_id) const;

  // Exclusive access to the store and the SOQL engine while it lives. Move-only.
  class Session {
   public:
    RecordStore& store() { return org_->store_; }
    soql::QueryEngine& queries() { return *org_->queries_; }
    const Schema& schema() const { return *org_->schema_; }

   private:
    friend class Org;
    explicit Session(Org* org) : org_(org), lock_(org->mu_) {}
    Org* org_;
    std::unique_lock<std::recursive_mutex> lock_;
  };
  Session Lock() { return Session(this); }

  // The record store's size as /limits reports it (DataStorageMB used), taking the lock.
  events::StorageUsage StorageUsage();

 private:
  Org(std::unique_ptr<Schema> schema, size_t user_count);

  std::unique_ptr<Schema> schema_;  // heap: stable address for the store and engine
  size_t user_count_;
  std::recursive_mutex mu_;
  RecordStore store_;
  std::unique_ptr<soql::QueryEngine> queries_;
  std::unique_ptr<events::EventBus> bus_;
};

}  // namespace recoup::sim::org

#endif  // RECOUP_SIM_ORG_SERVICE_ORG_H_
