// The `strategies` and `assignment` sections of a scenario file: contact sequences, escalation
// triggers, offer limits, AI-queue rules; assignment rules and champion/challenger experiments.
#include <algorithm>
#include <string>
#include <vector>

#include "scenarios/enum_names.h"
#include "scenarios/sections.h"

namespace recoup::scenarios::internal {
namespace {

using strategy::StrategyId;

bool AllDigits(const std::string& s) {
  if (s.empty() || s.size() > 19) return false;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return false;
  }
  return true;
}

const YAML::Node& NodeOr(const YAML::Node* n, const YAML::Node& fallback) {
  return n != nullptr ? *n : fallback;
}

// A strategy named by its id (an integer) or its name, among `list`.
bool ResolveStrategy(Context& c, const YAML::Node& node, const std::string& path,
                     const std::vector<strategy::Strategy>& list, StrategyId& out) {
  std::string text;
  if (!ReadValue(c, node, path, text)) return false;
  for (const strategy::Strategy& s : list) {
    if ((AllDigits(text) && s.id == std::stoull(text)) || s.name == text) {
      out = s.id;
      return true;
    }
  }
  std::string known;
  for (const strategy::Strategy& s : list) {
    known += (known.empty() ? "" : ", ") + std::to_string(s.id) + " (" + s.name + ")";
  }
  return c.Fail(node, path,
                "unknown strategy '" + text + "'; expected the id or name of one of: " +
                    (known.empty() ? std::string("(none defined yet)") : known));
}

bool ReadStep(Context& c, const YAML::Node& node, const std::string& path,
              strategy::ContactStep& step) {
  MapReader m(c, node, path);
  if (!m.Require("channel")) return false;
  ReadEnum(c, *m.Get("channel"), m.PathOf("channel"), ChannelNames(), step.channel);
  if (const YAML::Node* n = m.Get("voice")) {
    ReadEnum(c, *n, m.PathOf("voice"), VoiceNames(), step.voice);
  }
  if (const YAML::Node* n = m.Get("anchor")) {
    ReadEnum(c, *n, m.PathOf("anchor"), AnchorNames(), step.anchor);
  }
  m.Field("day_offset", step.day_offset, AtLeast(0));
  if (const YAML::Node* n = m.Get("slots")) {
    ReadList(c, *n, m.PathOf("slots"), step.slots,
             [](Context& ctx, const YAML::Node& s, const std::string& p, strategy::TimeSlot& t) {
               return ReadLocalWindow(ctx, s, p, t.start_minute, t.end_minute);
             });
  }
  m.Finish();
  return c.ok();
}

void ReadSequences(Context& c, const YAML::Node& node, const std::string& path,
                   strategy::Strategy& s) {
  MapReader m(c, node, path);
  for (const auto& [name, stage] : StageNames()) {
    if (const YAML::Node* n = m.Get(name)) {
      ReadList(c, *n, m.PathOf(name), s.sequences[static_cast<std::size_t>(stage)], ReadStep);
    }
  }
  m.Finish();
}

void ReadEscalation(Context& c, const YAML::Node& node, const std::string& path,
                    strategy::EscalationTriggers& e) {
  MapReader m(c, node, path);
  m.Field("max_consecutive_broken_promises", e.max_consecutive_broken_promises, AtLeast(0));
  m.Field("max_attempts_without_rpc", e.max_attempts_without_rpc, AtLeast(0));
  m.Field("refusal_to_human", e.refusal_to_human);
  m.Field("hardship_to_human", e.hardship_to_human);
  m.Field("dispute_to_human", e.dispute_to_human);
  m.Finish();
}

void ReadOfferLimits(Context& c, const YAML::Node& node, const std::string& path,
                     negotiation::Policy& p) {
  MapReader m(c, node, path);
  m.Field("min_payment", p.min_payment);
  m.Field("max_instalments", p.max_instalments);
  if (const YAML::Node* n = m.Get("frequency")) {
    ReadEnum(c, *n, m.PathOf("frequency"), FrequencyNames(), p.frequency);
  }
  m.Field("max_lump_sum_discount_bp", p.max_lump_sum_discount_bp);
  m.Field("settlement_floor_bp", p.settlement_floor_bp);
  m.Field("grace_days", p.grace_days);
  m.Field("fee_waiver_allowed", p.fee_waiver_allowed);
  m.Field("approval_discount_bp", p.approval_discount_bp);
  m.Field("approval_amount", p.approval_amount);
  m.Field("max_promises_to_pay", p.max_promises_to_pay);
  m.Field("max_consecutive_broken_promises", p.max_consecutive_broken_promises);
  m.Finish();
  if (!c.ok()) return;
  // Policy::Validate says "Policy.<field> must be ...": place it at the field.
  const Status st = p.Validate();
  if (st.ok()) return;
  std::string msg(st.message());
  if (msg.rfind("Policy.", 0) == 0) msg = msg.substr(7);
  const std::size_t space = msg.find(' ');
  const std::string field = msg.substr(0, space);
  const std::string rest = space == std::string::npos ? "" : msg.substr(space + 1);
  c.Fail(NodeOr(m.Get(field), node), m.PathOf(field), rest);
}

void ReadAi(Context& c, const YAML::Node& node, const std::string& path,
            strategy::AiEligibility& a) {
  MapReader m(c, node, path);
  m.Field("enabled", a.enabled);
  m.Field("min_days_past_due", a.min_days_past_due, AtLeast(0));
  m.Field("max_days_past_due", a.max_days_past_due, AtLeast(0));
  m.Field("min_balance", a.min_balance);
  m.Field("max_balance", a.max_balance);
  m.Field("require_robocall_consent", a.require_robocall_consent);
  m.Finish();
  if (!c.ok()) return;
  if (a.max_days_past_due < a.min_days_past_due) {
    c.Fail(NodeOr(m.Get("max_days_past_due"), node), m.PathOf("max_days_past_due"),
           "must be >= min_days_past_due (" + std::to_string(a.min_days_past_due) + "), got " +
               std::to_string(a.max_days_past_due));
  } else if (a.min_balance.IsNegative()) {
    c.Fail(NodeOr(m.Get("min_balance"), node), m.PathOf("min_balance"),
           "must be >= 0, got " + a.min_balance.ToString());
  } else if (a.max_balance < a.min_balance) {
    c.Fail(NodeOr(m.Get("max_balance"), node), m.PathOf("max_balance"),
           "must be >= min_balance (" + a.min_balance.ToString() + "), got " +
               a.max_balance.ToString());
  }
}

bool ReadArm(Context& c, const YAML::Node& node, const std::string& path, strategy::Arm& arm,
             const std::vector<strategy::Strategy>& strategies) {
  MapReader m(c, node, path);
  if (!m.Require("name") || !m.Require("strategy") || !m.Require("weight_bp")) return false;
  m.Field("name", arm.name);
  ResolveStrategy(c, *m.Get("strategy"), m.PathOf("strategy"), strategies, arm.strategy);
  m.Field("weight_bp", arm.weight_bp, AtLeast(0));
  m.Finish();
  if (c.ok() && arm.name.empty()) c.Fail(*m.Get("name"), m.PathOf("name"), "must not be empty");
  return c.ok();
}

bool ReadExperiment(Context& c, const YAML::Node& node, const std::string& path,
                    strategy::Experiment& e, const std::vector<strategy::Strategy>& strategies) {
  MapReader m(c, node, path);
  if (!m.Require("name") || !m.Require("arms")) return false;
  m.Field("id", e.id, [](uint64_t v) { return v >= 1 ? std::string() : "must be >= 1, got 0"; });
  m.Field("name", e.name);
  const YAML::Node& arms = *m.Get("arms");
  ReadList(c, arms, m.PathOf("arms"), e.arms,
           [&strategies](Context& ctx, const YAML::Node& n, const std::string& p,
                         strategy::Arm& arm) { return ReadArm(ctx, n, p, arm, strategies); });
  m.Finish();
  if (!c.ok()) return false;
  if (e.name.empty()) return c.Fail(*m.Get("name"), m.PathOf("name"), "must not be empty");
  if (e.arms.empty()) return c.Fail(arms, m.PathOf("arms"), "must list at least one arm");
  int64_t total = 0;
  for (std::size_t i = 0; i < e.arms.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (e.arms[j].name == e.arms[i].name) {
        return c.Fail(arms[i], Index(m.PathOf("arms"), i) + ".name",
                      "'" + e.arms[i].name + "' repeats arms[" + std::to_string(j) + "]");
      }
    }
    total += e.arms[i].weight_bp;
  }
  if (total != strategy::kBasisPoints) {
    return c.Fail(arms, m.PathOf("arms"),
                  "the weights (weight_bp) must sum to 10000, got " + std::to_string(total));
  }
  return true;
}

bool ReadRule(Context& c, const YAML::Node& node, const std::string& path,
              strategy::AssignmentRule& r, const workflow::DecisionConfig& config) {
  MapReader m(c, node, path);
  m.Field("name", r.name);
  if (const YAML::Node* n = m.Get("segments")) {
    const std::string p = m.PathOf("segments");
    if (n->IsScalar() && n->Scalar() == "any") {
      r.segments = ~uint64_t{0};
    } else {
      std::vector<std::string> names;
      if (!ReadValue(c, *n, p, names)) return false;
      std::vector<std::string_view> known;
      for (const segmentation::SegmentRule& s : config.segments.rules) known.push_back(s.name);
      known.push_back(config.segments.fallback);
      uint64_t mask = 0;
      for (std::size_t i = 0; i < names.size(); ++i) {
        std::size_t id = known.size();
        for (std::size_t k = 0; k < known.size(); ++k) {
          if (known[k] == names[i]) id = k;
        }
        if (id == known.size()) return FailEnum(c, (*n)[i], Index(p, i), known);
        mask |= uint64_t{1} << id;
      }
      r.segments = mask;
    }
  }
  m.Field("min_broken_promises", r.min_broken_promises, AtLeast(0));
  m.Field("min_attempts_without_rpc", r.min_attempts_without_rpc, AtLeast(0));
  if (const YAML::Node* n = m.Get("arrangement")) {
    ReadEnum(c, *n, m.PathOf("arrangement"), ArrangementNames(), r.arrangement);
  }
  const YAML::Node* strategy_node = m.Get("strategy");
  const YAML::Node* experiment_node = m.Get("experiment");
  m.Finish();
  if (!c.ok()) return false;
  if ((strategy_node == nullptr) == (experiment_node == nullptr)) {
    return c.Fail(node, path, "needs exactly one of 'strategy' or 'experiment'");
  }
  if (strategy_node != nullptr) {
    r.experiment = -1;
    return ResolveStrategy(c, *strategy_node, m.PathOf("strategy"), config.strategies, r.strategy);
  }
  std::string text;
  if (!ReadValue(c, *experiment_node, m.PathOf("experiment"), text)) return false;
  const auto& experiments = config.assignment.experiments;
  for (std::size_t i = 0; i < experiments.size(); ++i) {
    if (experiments[i].name == text || (AllDigits(text) && std::to_string(i) == text)) {
      r.experiment = static_cast<int>(i);
      return true;
    }
  }
  std::string known;
  for (std::size_t i = 0; i < experiments.size(); ++i) {
    known += (known.empty() ? "" : ", ") + experiments[i].name + " (" + std::to_string(i) + ")";
  }
  return c.Fail(*experiment_node, m.PathOf("experiment"),
                "unknown experiment '" + text + "'; expected the name or index of one of: " +
                    (known.empty() ? std::string("(no experiments)") : known));
}

}  // namespace

void ReadStrategies(Context& c, const YAML::Node& node, const std::string& path,
                    workflow::DecisionConfig& out) {
  if (!c.ok()) return;
  if (!node.IsSequence() || node.size() == 0) {
    c.Fail(node, path, "expected a list of at least one strategy, got " + Describe(node));
    return;
  }
  std::vector<strategy::Strategy> list;
  for (std::size_t i = 0; i < node.size() && c.ok(); ++i) {
    const YAML::Node item = node[i];
    const std::string p = Index(path, i);
    MapReader m(c, item, p);
    strategy::Strategy s;
    if (const YAML::Node* base = m.Get("base")) {
      StrategyId id = 0;
      if (!ResolveStrategy(c, *base, m.PathOf("base"), list, id)) return;
      for (const strategy::Strategy& earlier : list) {
        if (earlier.id == id) s = earlier;
      }
    }
    uint64_t id = 1;  // default: one more than the largest id so far
    for (const strategy::Strategy& earlier : list) id = std::max<uint64_t>(id, earlier.id + 1ULL);
    m.Field("id", id);
    if (c.ok() && id > UINT32_MAX) {
      c.Fail(*m.Get("id"), m.PathOf("id"), "must be at most 4294967295");
      return;
    }
    s.id = static_cast<StrategyId>(id);
    if (!m.Require("name")) return;
    m.Field("name", s.name);
    if (const YAML::Node* n = m.Get("sequences")) ReadSequences(c, *n, m.PathOf("sequences"), s);
    if (const YAML::Node* n = m.Get("escalation")) {
      ReadEscalation(c, *n, m.PathOf("escalation"), s.escalation);
    }
    if (const YAML::Node* n = m.Get("offer_limits")) {
      ReadOfferLimits(c, *n, m.PathOf("offer_limits"), s.offer_limits);
    }
    if (const YAML::Node* n = m.Get("ai")) ReadAi(c, *n, m.PathOf("ai"), s.ai);
    m.Finish();
    if (!c.ok()) return;
    if (s.name.empty()) {
      c.Fail(*m.Get("name"), m.PathOf("name"), "must not be empty");
      return;
    }
    for (std::size_t j = 0; j < list.size(); ++j) {
      if (list[j].id == s.id) {
        c.Fail(NodeOr(m.Get("id"), item), m.PathOf("id"),
               std::to_string(s.id) + " repeats strategies[" + std::to_string(j) + "]");
        return;
      }
      if (list[j].name == s.name) {
        c.Fail(*m.Get("name"), m.PathOf("name"),
               "'" + s.name + "' repeats strategies[" + std::to_string(j) + "]");
        return;
      }
    }
    list.push_back(std::move(s));
  }
  out.strategies = std::move(list);
  out.assignment.default_strategy = out.strategies.front().id;
}

void ReadAssignment(Context& c, const YAML::Node& node, const std::string& path,
                    workflow::DecisionConfig& out) {
  MapReader m(c, node, path);
  strategy::AssignmentConfig& a = out.assignment;
  const YAML::Node* default_node = m.Get("default_strategy");
  const YAML::Node* rules = m.Get("rules");
  const YAML::Node* experiments = m.Get("experiments");
  if (experiments != nullptr) {
    ReadList(
        c, *experiments, m.PathOf("experiments"), a.experiments,
        [&out](Context& ctx, const YAML::Node& n, const std::string& p, strategy::Experiment& e) {
          return ReadExperiment(ctx, n, p, e, out.strategies);
        });
    for (std::size_t i = 0; c.ok() && i < a.experiments.size(); ++i) {
      if (a.experiments[i].id == 0) a.experiments[i].id = i + 1;
      for (std::size_t j = 0; j < i; ++j) {
        const std::string p = Index(m.PathOf("experiments"), i);
        if (a.experiments[j].name == a.experiments[i].name) {
          c.Fail((*experiments)[i], p + ".name",
                 "'" + a.experiments[i].name + "' repeats experiments[" + std::to_string(j) + "]");
        } else if (a.experiments[j].id == a.experiments[i].id) {
          c.Fail((*experiments)[i], p + ".id",
                 std::to_string(a.experiments[i].id) + " repeats experiments[" + std::to_string(j) +
                     "]");
        }
      }
    }
  }
  if (rules != nullptr) {
    ReadList(c, *rules, m.PathOf("rules"), a.rules,
             [&out](Context& ctx, const YAML::Node& n, const std::string& p,
                    strategy::AssignmentRule& r) { return ReadRule(ctx, n, p, r, out); });
  }
  if (default_node != nullptr) {
    ResolveStrategy(c, *default_node, m.PathOf("default_strategy"), out.strategies,
                    a.default_strategy);
  }
  m.Finish();
}

}  // namespace recoup::scenarios::internal
