// Org (org.h): creation, users, event channels from the schema.
#include "sim/org/service/org.h"

#include <cctype>
#include <set>
#include <utility>

#include "core/base/check.h"

namespace recoup::sim::org {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Status ValidateUsers(const std::vector<OrgUser>& users) {
  if (users.empty()) return InvalidArgumentError("org.users: at least one user is needed");
  std::set<std::string> seen;
  for (size_t i = 0; i < users.size(); ++i) {
    const std::string where = "org.users[" + std::to_string(i) + "]";
    if (users[i].username.empty()) return InvalidArgumentError(where + ".username: must not be empty");
    if (users[i].name.empty()) return InvalidArgumentError(where + ".name: must not be empty");
    if (!seen.insert(Lower(users[i].username)).second) {
      return InvalidArgumentError(where + ".username: duplicate username '" + users[i].username +
                                  "'");
    }
  }
  return OkStatus();
}

// The event bus's view of a platform-event object: its custom fields with their describe types.
events::EventDefinition EventDefinitionOf(const ObjectDef& object) {
  events::EventDefinition def;
  def.api_name = object.name();
  for (const FieldDef& f : object.fields()) {
    if (!f.custom) continue;
    def.fields.push_back({f.name, std::string(FieldTypeName(f.type))});
  }
  return def;
}

}  // namespace

SfId OrgUserId(size_t index) { return SfId::Generate("005", index + 1); }

Org::Org(std::unique_ptr<Schema> schema, size_t user_count)
    : schema_(std::move(schema)),
      user_count_(user_count),
      store_(*schema_),
      queries_(std::make_unique<soql::QueryEngine>(store_)) {}

Org::~Org() = default;

StatusOr<std::unique_ptr<Org>> Org::Create(OrgConfig config, events::ApiLimits* limits) {
  RECOUP_RETURN_IF_ERROR(ValidateUsers(config.users));
  RECOUP_RETURN_IF_ERROR(events::ValidateEventBusConfig(config.events));
  const ObjectDef* user_object = config.schema.FindObject("User");
  if (user_object == nullptr || user_object->is_platform_event()) {
    return InvalidArgumentError("org.schema: the schema has no User object");
  }
  std::unique_ptr<Org> org(
      new Org(std::make_unique<Schema>(std::move(config.schema)), config.users.size()));
  const ObjectDef& user = *org->schema_->FindObject("User");
  for (size_t i = 0; i < config.users.size(); ++i) {
    const OrgUser& u = config.users[i];
    RecordInput input;
    auto set = [&](std::string_view field, std::string value) {
      const FieldDef* f = user.FindField(field);
      if (f != nullptr) input.push_back(FieldInput{f, FieldValue::String(std::move(value)), nullptr});
    };
    set("Name", u.name);
    set("Username", u.username);
    set("Email", u.email);
    // The first user creates itself; later users are created by the first.
    SfOr<SfId> id = org->store_.Create(user, input, config.created, OrgUserId(0));
    if (!id.ok()) {
      return InvalidArgumentError("org.users[" + std::to_string(i) + "]: " + id.error().message);
    }
    RECOUP_CHECK(*id == OrgUserId(i));
  }
  org->bus_ = std::make_unique<events::EventBus>(config.events, limits);
  for (size_t i = 0; i < org->schema_->object_count(); ++i) {
    const ObjectDef& object = org->schema_->object(static_cast<int>(i));
    if (!object.is_platform_event()) continue;
    Status defined = org->bus_->DefineEvent(EventDefinitionOf(object));
    if (!defined.ok()) {
      return InvalidArgumentError("org.schema: event " + object.name() + ": " +
                                  std::string(defined.message()));
    }
  }
  return org;
}

SfOr<SfId> Org::ResolveUser(std::string_view user_id) const {
  SfOr<SfId> id = ParseId(user_id);
  if (id.ok()) {
    std::optional<uint64_t> serial = id->GeneratedSerial();
    if (id->key_prefix() == "005" && serial.has_value() && *serial >= 1 &&
        *serial <= user_count_) {
      return *id;
    }
  }
  return MakeSfError(401, "INVALID_SESSION_ID", "Session expired or invalid");
}

events::StorageUsage Org::StorageUsage() {
  Session session = Lock();
  events::StorageUsage usage;
  usage.data_storage_mb = static_cast<int64_t>(session.store().ApproximateBytes() >> 20);
  return usage;
}

}  // namespace recoup::sim::org
