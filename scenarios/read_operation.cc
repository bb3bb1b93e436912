// The world sections of a scenario file that describe the operation: channels, staffing, org.
// Key names are the struct fields of sim/world/world_config.h except where the file uses a richer
// syntax (shift_start / shift_end as "09:00", weekdays as names, durations with units).
#include <map>
#include <string>

#include "scenarios/sections.h"

namespace recoup::scenarios::internal {
namespace {

using sim::world::DurationSpec;
using sim::world::kMaxCallbackExpiryDays;
using sim::world::HandleTimes;

void ReadDurationSpec(Context& c, const YAML::Node& node, const std::string& path,
                      DurationSpec& out) {
  MapReader m(c, node, path);
  m.Field("median_s", out.median_s, NonNegative);
  m.Field("p90_s", out.p90_s, NonNegative);
  m.Finish();
}

void ReadHandleTimes(Context& c, const YAML::Node& node, const std::string& path, HandleTimes& h) {
  MapReader m(c, node, path);
  m.Section("identity", h.identity, ReadDurationSpec);
  m.Section("disclosures", h.disclosures, ReadDurationSpec);
  m.Section("balance", h.balance, ReadDurationSpec);
  m.Section("reminder", h.reminder, ReadDurationSpec);
  m.Section("arrangement", h.arrangement, ReadDurationSpec);
  m.Section("payment", h.payment, ReadDurationSpec);
  m.Section("hardship", h.hardship, ReadDurationSpec);
  m.Section("dispute", h.dispute, ReadDurationSpec);
  m.Section("after_call_work", h.after_call_work, ReadDurationSpec);
  m.Finish();
}

void ReadCost(Context& c, const YAML::Node& node, const std::string& path,
              sim::world::CostSpec& k) {
  MapReader m(c, node, path);
  m.Field("ai_voice_per_minute", k.ai_voice_per_minute, NonNegative);
  m.Field("ai_dial", k.ai_dial, NonNegative);
  m.Field("human_per_hour", k.human_per_hour, NonNegative);
  m.Field("sms", k.sms, NonNegative);
  m.Field("whatsapp", k.whatsapp, NonNegative);
  m.Field("email", k.email, NonNegative);
  m.Field("letter", k.letter, NonNegative);
  m.Field("card_fee_rate", k.card_fee_rate, Probability);
  m.Field("ach_fee", k.ach_fee, NonNegative);
  m.Finish();
}

bool ReadAgentGroup(Context& c, const YAML::Node& node, const std::string& path,
                    sim::world::AgentGroupSpec& g) {
  MapReader m(c, node, path);
  m.Field("name", g.name);
  m.Field("count", g.count, AtLeast(0));
  if (const YAML::Node* n = m.Get("shift_start")) {
    ReadLocalTime(c, *n, m.PathOf("shift_start"), false, g.shift_start_minute);
  }
  if (const YAML::Node* n = m.Get("shift_end")) {
    ReadLocalTime(c, *n, m.PathOf("shift_end"), true, g.shift_end_minute);
  }
  if (const YAML::Node* n = m.Get("weekdays")) {
    ReadWeekdays(c, *n, m.PathOf("weekdays"), g.weekdays);
  }
  m.Field("outbound", g.outbound);
  m.Field("escalations", g.escalations);
  m.Finish();
  if (c.ok() && g.shift_end_minute <= g.shift_start_minute) {
    const YAML::Node* n = m.Get("shift_end");
    return c.Fail(n != nullptr ? *n : node, m.PathOf("shift_end"),
                  "must be after shift_start (a shift lies within one day)");
  }
  if (c.ok() && g.weekdays == 0) {
    const YAML::Node* n = m.Get("weekdays");
    return c.Fail(n != nullptr ? *n : node, m.PathOf("weekdays"), "must name at least one day");
  }
  return c.ok();
}

void ReadLatencySpec(Context& c, const YAML::Node& node, const std::string& path,
                     sim::org::events::LatencySpec& s) {
  MapReader m(c, node, path);
  m.Field("kind", s.kind);
  m.Field("value_ms", s.value_ms);
  m.Field("median_ms", s.median_ms);
  m.Field("p99_ms", s.p99_ms);
  m.Field("samples_ms", s.samples_ms);
  m.Field("method", s.method);
  m.Finish();
}

void ReadFaultRates(Context& c, const YAML::Node& node, const std::string& path,
                    sim::org::events::FaultRates& r) {
  MapReader m(c, node, path);
  m.Field("unable_to_lock_row", r.unable_to_lock_row, Probability);
  m.Field("server_unavailable", r.server_unavailable, Probability);
  m.Field("timeout", r.timeout, Probability);
  m.Field("session_expired", r.session_expired, Probability);
  m.Field("request_limit_exceeded", r.request_limit_exceeded, Probability);
  m.Finish();
}

// `key: {name: spec, ...}`: each named entry replaces or adds that name's spec, starting from the
// spec's struct defaults (as the JSON form in sim/org/events/model_config_json.h does).
template <typename Spec, typename Read>
void ReadNamed(MapReader& parent, std::string_view key, std::map<std::string, Spec>& out,
               Read read) {
  const YAML::Node* n = parent.Get(key);
  if (n == nullptr) return;
  MapReader m(parent.context(), *n, parent.PathOf(key));
  for (const std::string& name : m.Keys()) {
    Spec spec{};
    read(parent.context(), *m.Get(name), m.PathOf(name), spec);
    out[name] = spec;
  }
  m.Finish();
}

void ReadLatency(Context& c, const YAML::Node& node, const std::string& path,
                 sim::org::events::LatencyConfig& l) {
  MapReader m(c, node, path);
  if (const YAML::Node* n = m.Get("default")) {
    l.default_spec = sim::org::events::LatencySpec{};
    ReadLatencySpec(c, *n, m.PathOf("default"), l.default_spec);
  }
  ReadNamed(m, "operations", l.operations, ReadLatencySpec);
  m.Finish();
}

void ReadFaults(Context& c, const YAML::Node& node, const std::string& path,
                sim::org::events::FaultConfig& f) {
  MapReader m(c, node, path);
  m.Field("timeout_after_ms", f.timeout_after_ms, Positive);
  if (const YAML::Node* n = m.Get("default")) {
    f.default_rates = sim::org::events::FaultRates{};
    ReadFaultRates(c, *n, m.PathOf("default"), f.default_rates);
  }
  ReadNamed(m, "operations", f.operations, ReadFaultRates);
  m.Finish();
}

void ReadLimits(Context& c, const YAML::Node& node, const std::string& path,
                sim::org::events::ApiLimitsConfig& a) {
  MapReader m(c, node, path);
  m.Field("daily_api_requests", a.daily_api_requests, AtLeast(0));
  m.Field("max_concurrent_long_requests", a.max_concurrent_long_requests, AtLeast(1));
  m.Field("long_request_threshold", a.long_request_threshold);
  m.Field("hourly_published_platform_events", a.hourly_published_platform_events, AtLeast(0));
  m.Field("daily_delivered_platform_events", a.daily_delivered_platform_events, AtLeast(0));
  m.Field("daily_bulk_api_batches", a.daily_bulk_api_batches, AtLeast(0));
  m.Field("daily_bulk_v2_query_jobs", a.daily_bulk_v2_query_jobs, AtLeast(0));
  m.Field("daily_bulk_v2_query_file_storage_mb", a.daily_bulk_v2_query_file_storage_mb, AtLeast(0));
  m.Field("daily_standard_volume_platform_events", a.daily_standard_volume_platform_events,
          AtLeast(0));
  m.Field("data_storage_mb", a.data_storage_mb, AtLeast(0));
  m.Field("file_storage_mb", a.file_storage_mb, AtLeast(0));
  m.Field("counter_resolution", a.counter_resolution);
  m.Finish();
}

}  // namespace

void ReadChannels(Context& c, const YAML::Node& node, const std::string& path,
                  sim::world::ChannelSpec& ch) {
  MapReader m(c, node, path);
  m.Field("sms_per_day", ch.sms_per_day, AtLeast(0));
  m.Field("whatsapp_per_day", ch.whatsapp_per_day, AtLeast(0));
  m.Field("emails_per_day", ch.emails_per_day, AtLeast(0));
  m.Field("letters_per_day", ch.letters_per_day, AtLeast(0));
  m.Field("sms_per_second", ch.sms_per_second, Positive);
  m.Field("whatsapp_per_second", ch.whatsapp_per_second, Positive);
  m.Field("emails_per_second", ch.emails_per_second, Positive);
  m.Field("letters_per_second", ch.letters_per_second, Positive);
  m.Field("ring_no_answer_s", ch.ring_no_answer_s, NonNegative);
  m.Field("voicemail_s", ch.voicemail_s, NonNegative);
  m.Field("not_in_service_s", ch.not_in_service_s, NonNegative);
  m.Section("human", ch.human, ReadHandleTimes);
  m.Section("ai", ch.ai, ReadHandleTimes);
  m.Section("cost", ch.cost, ReadCost);
  m.Finish();
}

void ReadStaffing(Context& c, const YAML::Node& node, const std::string& path,
                  sim::world::StaffingSpec& s) {
  MapReader m(c, node, path);
  m.Field("ai_lines", s.ai_lines, AtLeast(0));
  if (const YAML::Node* n = m.Get("agents")) {
    ReadList(c, *n, m.PathOf("agents"), s.agents, ReadAgentGroup);
  }
  m.Field("operation_time_zone", s.operation_time_zone);
  m.Field("patience_mean_s", s.patience_mean_s, Positive);
  m.Field("callbacks", s.callbacks);
  m.Field("callback_expiry_days", s.callback_expiry_days, Between(0, kMaxCallbackExpiryDays));
  m.Finish();
}

void ReadOrg(Context& c, const YAML::Node& node, const std::string& path, sim::world::OrgSpec& o) {
  MapReader m(c, node, path);
  m.Section("latency", o.latency, ReadLatency);
  m.Section("faults", o.faults, ReadFaults);
  m.Section("limits", o.limits, ReadLimits);
  m.Field("lookup_budget", o.lookup_budget);
  m.Field("retain_activity", o.retain_activity);
  m.Finish();
}

}  // namespace recoup::scenarios::internal
