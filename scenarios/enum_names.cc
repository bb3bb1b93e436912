#include "scenarios/enum_names.h"

#include <array>

namespace recoup::scenarios::internal {
namespace {

// A table of all N values of E named by `name`.
template <typename E, std::size_t N, typename NameFn>
std::array<std::pair<std::string_view, E>, N> Build(NameFn name) {
  std::array<std::pair<std::string_view, E>, N> table;
  for (std::size_t i = 0; i < N; ++i) {
    const E value = static_cast<E>(i);
    table[i] = {name(value), value};
  }
  return table;
}

}  // namespace

NameTable<domain::Product> ProductNames() {
  static const auto kTable = Build<domain::Product, domain::kProductCount>(
      [](domain::Product p) { return domain::ProductName(p); });
  return kTable;
}

NameTable<domain::Stage> StageNames() {
  static const auto kTable = Build<domain::Stage, domain::kStageCount>(
      [](domain::Stage s) { return domain::StageName(s); });
  return kTable;
}

NameTable<domain::Channel> ChannelNames() {
  static const auto kTable = Build<domain::Channel, domain::kChannelCount>(
      [](domain::Channel ch) { return domain::ChannelName(ch); });
  return kTable;
}

NameTable<domain::VoiceMode> VoiceNames() {
  static constexpr std::pair<std::string_view, domain::VoiceMode> kTable[] = {
      {"human", domain::VoiceMode::kHuman},
      {"ai_voice", domain::VoiceMode::kAiVoice},
      {"prerecorded", domain::VoiceMode::kPrerecorded},
      {"autodialed_human", domain::VoiceMode::kAutodialedHuman},
  };
  return kTable;
}

NameTable<domain::CollectorRole> CollectorNames() {
  static constexpr std::pair<std::string_view, domain::CollectorRole> kTable[] = {
      {"first_party_creditor", domain::CollectorRole::kFirstPartyCreditor},
      {"third_party_collector", domain::CollectorRole::kThirdPartyCollector},
      {"debt_buyer", domain::CollectorRole::kDebtBuyer},
  };
  return kTable;
}

NameTable<strategy::Anchor> AnchorNames() {
  static constexpr std::pair<std::string_view, strategy::Anchor> kTable[] = {
      {"stage_entry", strategy::Anchor::kStageEntry},
      {"last_contact", strategy::Anchor::kLastContact},
  };
  return kTable;
}

NameTable<negotiation::Frequency> FrequencyNames() {
  static constexpr std::pair<std::string_view, negotiation::Frequency> kTable[] = {
      {"weekly", negotiation::Frequency::kWeekly},
      {"biweekly", negotiation::Frequency::kBiweekly},
      {"monthly", negotiation::Frequency::kMonthly},
  };
  return kTable;
}

NameTable<strategy::ArrangementCondition> ArrangementNames() {
  static constexpr std::pair<std::string_view, strategy::ArrangementCondition> kTable[] = {
      {"any", strategy::ArrangementCondition::kAny},
      {"active", strategy::ArrangementCondition::kActive},
      {"none", strategy::ArrangementCondition::kNone},
  };
  return kTable;
}

}  // namespace recoup::scenarios::internal
