// EventBus: definitions, publish ids and message shape, replay resolution (-1, -2, N, expired N),
// the retention boundary, memory caps, ordering, the hourly publish limit, listeners, and payload
// errors.
#include "sim/org/events/event_bus.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/sim/org/events/shape_matchers.h"

namespace recoup::sim::org::events {
namespace {

const Timestamp kT0 = Timestamp::FromCivilUtc(2026, 1, 5, 10, 0, 0);
constexpr const char* kChannel = "/event/Collection_Event__e";
constexpr const char* kUser = "005000000000001AAA";

EventDefinition CollectionEvent() {
  return {"Collection_Event__e",
          {{"Message__c", "string"},
           {"Account_Id__c", "reference"},
           {"Type__c", "picklist"},
           {"Amount__c", "currency"},
           {"Urgent__c", "boolean"}}};
}

std::unique_ptr<EventBus> MakeBus(EventBusConfig config = {}, ApiLimits* limits = nullptr) {
  auto bus = std::make_unique<EventBus>(config, limits);
  EXPECT_TRUE(bus->DefineEvent(CollectionEvent()).ok());
  EXPECT_TRUE(bus->DefineEvent({"Assignment_Event__e", {{"Strategy__c", "string"}}}).ok());
  return bus;
}

int64_t PublishAt(EventBus& bus, Timestamp t, const std::string& message = "m",
                  const char* channel = kChannel) {
  nlohmann::json payload = nlohmann::json::object();
  if (std::string(channel) == kChannel) {
    payload["Message__c"] = message;
  } else {
    payload["Strategy__c"] = message;
  }
  SfOr<PublishResult> result = bus.Publish(channel, payload, t, kUser);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.ok() ? result->replay_id : -100;
}

std::vector<int64_t> ReplayIds(const std::vector<RetainedEvent>& events) {
  std::vector<int64_t> ids;
  for (const RetainedEvent& e : events) ids.push_back(e.replay_id);
  return ids;
}

TEST(EventBusTest, PublishResultsAndDeliveredMessageShape) {
  auto bus = MakeBus();
  const nlohmann::json payload = {{"message__c", "Promise kept"},
                                  {"Amount__c", 125.5},
                                  {"Urgent__c", true},
                                  {"attributes", {{"type", "x"}}}};
  const Timestamp t = kT0 + Duration::Milliseconds(517);
  SfOr<PublishResult> first = bus->Publish(kChannel, payload, t, kUser);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->replay_id, 1);
  EXPECT_EQ(first->id, "e00000000000001AAA");
  EXPECT_TRUE(testing::IsUuidV4(first->event_uuid)) << first->event_uuid;

  const std::vector<RetainedEvent> events = bus->Read(kChannel, 0, 10, t);
  ASSERT_EQ(events.size(), 1u);
  const nlohmann::json message = nlohmann::json::parse(*events[0].message);
  const nlohmann::json expected = {
      {"channel", kChannel},
      {"data",
       {{"schema", *bus->SchemaId(kChannel)},
        {"payload",
         {{"CreatedDate", "2026-01-05T10:00:00.517Z"},
          {"CreatedById", kUser},
          {"Message__c", "Promise kept"},
          {"Account_Id__c", nullptr},
          {"Type__c", nullptr},
          {"Amount__c", 125.5},
          {"Urgent__c", true}}},
        {"event", {{"replayId", 1}, {"EventUuid", first->event_uuid}}}}}};
  EXPECT_EQ(message, expected) << *events[0].message;
  // The stored text keeps the contract's key order.
  EXPECT_EQ(events[0].message->rfind("{\"channel\":", 0), 0u);
  EXPECT_NE(events[0].message->find("\"payload\":{\"CreatedDate\":"), std::string::npos);

  // Replay ids count per channel; publish-result ids and uuids per bus.
  EXPECT_EQ(PublishAt(*bus, t, "x", "/event/Assignment_Event__e"), 1);
  SfOr<PublishResult> third = bus->Publish(kChannel, {{"Message__c", "y"}}, t, kUser);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->replay_id, 2);
  EXPECT_EQ(third->id, "e00000000000003AAA");
  EXPECT_NE(third->event_uuid, first->event_uuid);
}

TEST(EventBusTest, IdsAreDeterministicPerSeed) {
  const auto uuids = [](uint64_t seed) {
    EventBusConfig config;
    config.seed = seed;
    auto bus = MakeBus(config);
    std::vector<std::string> out;
    for (int i = 0; i < 3; ++i) {
      out.push_back(bus->Publish(kChannel, {{"Message__c", "m"}}, kT0, kUser)->event_uuid);
    }
    return out;
  };
  EXPECT_EQ(uuids(7), uuids(7));
  EXPECT_NE(uuids(7), uuids(8));
}

TEST(EventBusTest, SchemaFingerprintFollowsTheFieldList) {
  auto bus = MakeBus();
  const std::string before = *bus->SchemaId(kChannel);
  EXPECT_EQ(before.size(), 22u);
  EventBus other(EventBusConfig{}, nullptr);
  ASSERT_TRUE(other.DefineEvent(CollectionEvent()).ok());
  EXPECT_EQ(*other.SchemaId(kChannel), before) << "same definition, same fingerprint";

  PublishAt(*bus, kT0);
  EventDefinition extended = CollectionEvent();
  extended.fields.push_back({"Channel__c", "string"});
  ASSERT_TRUE(bus->DefineEvent(extended).ok());
  EXPECT_NE(*bus->SchemaId(kChannel), before);
  EXPECT_EQ(bus->LastReplayId(kChannel), 1) << "redefinition keeps retained events";
  EXPECT_EQ(PublishAt(*bus, kT0), 2);
  EXPECT_EQ(bus->SchemaId("/event/Nope__e"), std::nullopt);
}

TEST(EventBusTest, ReplayResolution) {
  auto bus = MakeBus();
  // Events 1..3 at t0, t0+1h, t0+2h; at t0+73h30m event 1 and 2 have expired (older than 72 h).
  PublishAt(*bus, kT0);
  PublishAt(*bus, kT0 + Duration::Hours(1));
  PublishAt(*bus, kT0 + Duration::Hours(2));
  const Timestamp now = kT0 + Duration::Hours(73) + Duration::Minutes(30);
  struct Case {
    int64_t replay;
    int64_t cursor;  // -100: error
  };
  const Case cases[] = {
      {-1, 3},   {-2, 2},    {3, 3},       {2, 2},  // 2: events after 2 (just 3) are retained
      {1, -100}, {0, -100},                         // event 2 expired: cannot replay after 1 or 0
      {4, -100}, {-3, -100}, {-100, -100},          // future ids and other negatives
  };
  for (const Case& c : cases) {
    SfOr<int64_t> cursor = bus->ResolveReplay(kChannel, c.replay, now);
    if (c.cursor == -100) {
      ASSERT_FALSE(cursor.ok()) << c.replay;
      EXPECT_EQ(cursor.error().http_status, 400);
      EXPECT_EQ(cursor.error().error_code, "INVALID_REPLAY_ID");
      EXPECT_EQ(cursor.error().message,
                "The replayId {" + std::to_string(c.replay) +
                    "} you provided was invalid. Please provide a valid ID, -2 to replay all "
                    "events, or -1 to replay only new events.");
    } else {
      ASSERT_TRUE(cursor.ok()) << c.replay << ": " << cursor.error().message;
      EXPECT_EQ(*cursor, c.cursor) << c.replay;
    }
  }
  const SfOr<int64_t> unknown = bus->ResolveReplay("/event/Missing__e", -1, now);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message,
            "The channel you requested to subscribe to does not exist {/event/Missing__e}");
}

TEST(EventBusTest, ReplayOnAFreshChannel) {
  auto bus = MakeBus();
  EXPECT_EQ(*bus->ResolveReplay(kChannel, -1, kT0), 0);
  EXPECT_EQ(*bus->ResolveReplay(kChannel, -2, kT0), 0);
  EXPECT_EQ(*bus->ResolveReplay(kChannel, 0, kT0), 0);
  EXPECT_FALSE(bus->ResolveReplay(kChannel, 1, kT0).ok());
}

TEST(EventBusTest, RetentionBoundaryIsSeventyTwoHoursInclusive) {
  auto bus = MakeBus();
  PublishAt(*bus, kT0);
  const Timestamp boundary = kT0 + Duration::Hours(72);
  EXPECT_EQ(ReplayIds(bus->Read(kChannel, 0, 10, boundary)), std::vector<int64_t>{1});
  EXPECT_EQ(bus->OldestRetainedReplayId(kChannel, boundary), 1);
  EXPECT_TRUE(bus->Read(kChannel, 0, 10, boundary + Duration::Nanoseconds(1)).empty());
  EXPECT_EQ(bus->OldestRetainedReplayId(kChannel, boundary + Duration::Nanoseconds(1)), 2);
  EXPECT_EQ(bus->RetainedEvents(), 0);
  EXPECT_EQ(bus->RetainedBytes(), 0);
  // Replay ids keep counting after everything expired; only "after the last" is valid.
  EXPECT_EQ(PublishAt(*bus, boundary + Duration::Hours(1)), 2);
  EXPECT_FALSE(bus->ResolveReplay(kChannel, 0, boundary + Duration::Hours(1)).ok());
  EXPECT_EQ(*bus->ResolveReplay(kChannel, 1, boundary + Duration::Hours(1)), 1);
}

TEST(EventBusTest, ReadIsOrderedAndPaged) {
  auto bus = MakeBus();
  for (int i = 0; i < 10; ++i) PublishAt(*bus, kT0 + Duration::Seconds(i));
  const Timestamp now = kT0 + Duration::Minutes(1);
  EXPECT_EQ(ReplayIds(bus->Read(kChannel, 0, 3, now)), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(ReplayIds(bus->Read(kChannel, 3, 3, now)), (std::vector<int64_t>{4, 5, 6}));
  EXPECT_EQ(ReplayIds(bus->Read(kChannel, 8, 5, now)), (std::vector<int64_t>{9, 10}));
  EXPECT_TRUE(bus->Read(kChannel, 10, 5, now).empty());
  EXPECT_TRUE(bus->Read(kChannel, 0, 0, now).empty());
  EXPECT_TRUE(bus->Read("/event/Missing__e", 0, 5, now).empty());
  const std::vector<RetainedEvent> all = bus->Read(kChannel, -2, 100, now);
  for (std::size_t i = 1; i < all.size(); ++i) {
    EXPECT_LT(all[i - 1].sequence, all[i].sequence);
    EXPECT_LE(all[i - 1].created, all[i].created);
  }
}

TEST(EventBusTest, CreatedDateNeverGoesBackwards) {
  auto bus = MakeBus();
  PublishAt(*bus, kT0 + Duration::Milliseconds(5));
  PublishAt(*bus, kT0);  // a second server thread with a slightly older "now"
  const std::vector<RetainedEvent> events = bus->Read(kChannel, 0, 10, kT0);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].created, kT0 + Duration::Milliseconds(5));
}

TEST(EventBusTest, MemoryCapsDropTheOldestEvents) {
  EventBusConfig config;
  config.max_retained_events = 5;
  auto bus = MakeBus(config);
  for (int i = 0; i < 4; ++i) PublishAt(*bus, kT0, "m", "/event/Assignment_Event__e");
  for (int i = 0; i < 4; ++i) PublishAt(*bus, kT0);
  EXPECT_EQ(bus->RetainedEvents(), 5);
  EXPECT_EQ(bus->OldestRetainedReplayId("/event/Assignment_Event__e", kT0), 4);
  EXPECT_EQ(bus->OldestRetainedReplayId(kChannel, kT0), 1);
  EXPECT_FALSE(bus->ResolveReplay("/event/Assignment_Event__e", 2, kT0).ok());

  EventBusConfig bytes;
  bytes.max_retained_bytes = 1 << 20;
  auto small = MakeBus(bytes);
  const std::string big(100'000, 'x');
  for (int i = 0; i < 30; ++i) PublishAt(*small, kT0, big);
  EXPECT_LE(small->RetainedBytes(), 1 << 20);
  EXPECT_EQ(small->RetainedEvents(), 10);
  EXPECT_EQ(small->OldestRetainedReplayId(kChannel, kT0), 21);
}

TEST(EventBusTest, HourlyPublishLimit) {
  ApiLimitsConfig limits_config;
  limits_config.hourly_published_platform_events = 2;
  ApiLimits limits(limits_config);
  auto bus = MakeBus({}, &limits);
  PublishAt(*bus, kT0);
  PublishAt(*bus, kT0);
  SfOr<PublishResult> refused = bus->Publish(kChannel, {{"Message__c", "m"}}, kT0, kUser);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().error_code, "LIMIT_EXCEEDED");
  EXPECT_EQ(bus->LastReplayId(kChannel), 2) << "nothing published";
  EXPECT_EQ(PublishAt(*bus, kT0 + Duration::Hours(1)), 3);
}

TEST(EventBusTest, ListenersSeeEachPublishAfterItIsReadable) {
  auto bus = MakeBus();
  std::vector<std::pair<std::string, int64_t>> seen;
  EventBus* raw = bus.get();
  const EventBus::ListenerId id = bus->AddListener([&](std::string_view channel, int64_t replay) {
    seen.emplace_back(channel, replay);
    EXPECT_EQ(raw->LastReplayId(channel), replay);
    EXPECT_EQ(raw->Read(channel, replay - 1, 1, kT0).size(), 1u);
  });
  PublishAt(*bus, kT0);
  PublishAt(*bus, kT0, "s", "/event/Assignment_Event__e");
  bus->RemoveListener(id);
  PublishAt(*bus, kT0);
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, int64_t>>{
                      {kChannel, 1}, {"/event/Assignment_Event__e", 1}}));
}

TEST(EventBusTest, PayloadErrors) {
  auto bus = MakeBus();
  struct Case {
    const char* channel;
    nlohmann::json payload;
    int status;
    const char* code;
    const char* message;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {"/event/Nope__e",
       {{"Message__c", "x"}},
       404,
       "NOT_FOUND",
       "The requested resource does not exist",
       {}},
      {kChannel,
       nlohmann::json::array({1}),
       400,
       "JSON_PARSER_ERROR",
       "The request body must be a JSON object of field values for Collection_Event__e",
       {}},
      {kChannel,
       {{"CreatedDate", "2026-01-01T00:00:00.000Z"}},
       400,
       "INVALID_FIELD_FOR_INSERT_UPDATE",
       "Unable to create/update fields: CreatedDate. Please check the security settings of this "
       "field and verify that it is read/write for your profile or permission set.",
       {"CreatedDate"}},
      {kChannel,
       {{"replayid", 4}},
       400,
       "INVALID_FIELD_FOR_INSERT_UPDATE",
       "Unable to create/update fields: ReplayId. Please check the security settings of this "
       "field and verify that it is read/write for your profile or permission set.",
       {"ReplayId"}},
      {kChannel,
       {{"Bogus__c", 1}},
       400,
       "INVALID_FIELD",
       "No such column 'Bogus__c' on sobject of type Collection_Event__e",
       {}},
      {kChannel,
       {{"Message__c", "a"}, {"MESSAGE__C", "b"}},
       400,
       "JSON_PARSER_ERROR",
       "Duplicate field 'Message__c' in Collection_Event__e",
       {"Message__c"}},
      {kChannel,
       {{"Message__c", 12}},
       400,
       "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Message__c: value not of required type: 12",
       {"Message__c"}},
      {kChannel,
       {{"Amount__c", "12"}},
       400,
       "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Amount__c: value not of required type: \"12\"",
       {"Amount__c"}},
      {kChannel,
       {{"Urgent__c", 1}},
       400,
       "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Urgent__c: value not of required type: 1",
       {"Urgent__c"}},
      {kChannel,
       {{"Message__c", {{"nested", 1}}}},
       400,
       "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Message__c: value not of required type: {\"nested\":1}",
       {"Message__c"}},
  };
  for (const Case& c : cases) {
    SfOr<PublishResult> result = bus->Publish(c.channel, c.payload, kT0, kUser);
    ASSERT_FALSE(result.ok()) << c.message;
    EXPECT_EQ(result.error(), MakeSfError(c.status, c.code, c.message, c.fields));
  }
  EXPECT_EQ(bus->LastReplayId(kChannel), 0) << "no failed publish consumed a replay id";
  // Nulls are valid for every type.
  EXPECT_TRUE(
      bus->Publish(kChannel, {{"Amount__c", nullptr}, {"Urgent__c", nullptr}}, kT0, kUser).ok());
}

TEST(EventBusTest, DefinitionErrors) {
  EventBus bus(EventBusConfig{}, nullptr);
  struct Case {
    EventDefinition definition;
    const char* message;
  };
  const Case cases[] = {
      {{"Collection_Event__c", {}},
       "event definition 'Collection_Event__c': the API name must be an identifier ending in __e"},
      {{"9Bad__e", {}},
       "event definition '9Bad__e': the API name must be an identifier ending in __e"},
      {{"E__e", {{"", "string"}}},
       "event definition 'E__e' field 0 (''): the name must be an identifier"},
      {{"E__e", {{"A__c", "string"}, {"a__C", "int"}}},
       "event definition 'E__e' field 1 ('a__C'): duplicate of field 0"},
      {{"E__e", {{"CreatedById", "reference"}}},
       "event definition 'E__e' field 0 ('CreatedById'): the name is a system field"},
      {{"E__e", {{"A__c", "blob"}}},
       "event definition 'E__e' field 0 ('A__c'): unknown type 'blob'; expected one of string, "
       "textarea, picklist, multipicklist, email, phone, url, reference, date, datetime, boolean, "
       "int, double, currency, percent"},
  };
  for (const Case& c : cases) {
    const Status status = bus.DefineEvent(c.definition);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << c.message;
    EXPECT_EQ(status.message(), c.message);
  }
  EXPECT_TRUE(bus.Channels().empty());
}

TEST(EventBusConfigTest, InvalidFieldsAreNamed) {
  struct Case {
    void (*mutate)(EventBusConfig&);
    const char* message;
  };
  const Case cases[] = {
      {[](EventBusConfig& c) { c.retention = Duration::Zero(); },
       "event_bus.retention: must be > 0, got 0s"},
      {[](EventBusConfig& c) { c.max_retained_events = 0; },
       "event_bus.max_retained_events: must be >= 1, got 0"},
      {[](EventBusConfig& c) { c.max_retained_bytes = 1000; },
       "event_bus.max_retained_bytes: must be >= 1048576 (1 MiB), got 1000"},
      {[](EventBusConfig& c) { c.id_instance = "x"; },
       "event_bus.id_instance: must be 2 letters or digits, got 'x'"},
  };
  for (const Case& c : cases) {
    EventBusConfig config;
    c.mutate(config);
    const StatusOr<std::unique_ptr<EventBus>> bus = EventBus::Create(config);
    ASSERT_FALSE(bus.ok());
    EXPECT_EQ(bus.status().message(), c.message);
  }
}

}  // namespace
}  // namespace recoup::sim::org::events
