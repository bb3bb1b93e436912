// The snake_case names the scenario file uses for the domain's enums, in enum order. Where the
// domain has a name function (ProductName, StageName, ChannelName) the table is built from it, so
// the file format and the reports cannot drift apart. Internal to scenarios/.
#ifndef RECOUP_SCENARIOS_ENUM_NAMES_H_
#define RECOUP_SCENARIOS_ENUM_NAMES_H_

#include <span>
#include <string_view>
#include <utility>

#include "core/domain/account.h"
#include "core/domain/contact.h"
#include "core/negotiation/negotiation.h"
#include "core/strategy/assignment.h"
#include "core/strategy/strategy.h"

namespace recoup::scenarios::internal {

template <typename E>
using NameTable = std::span<const std::pair<std::string_view, E>>;

NameTable<domain::Product> ProductNames();  // credit_card, personal_loan, ..., bnpl, other
NameTable<domain::Stage> StageNames();      // current, early, mid, late, recovery
NameTable<domain::Channel> ChannelNames();  // call, sms, email, letter, whatsapp
NameTable<domain::VoiceMode> VoiceNames();  // human, ai_voice, prerecorded, autodialed_human
NameTable<domain::CollectorRole> CollectorNames();   // first_party_creditor, third_party_collector,
                                                     // debt_buyer
NameTable<strategy::Anchor> AnchorNames();           // stage_entry, last_contact
NameTable<negotiation::Frequency> FrequencyNames();  // weekly, biweekly, monthly
NameTable<strategy::ArrangementCondition> ArrangementNames();  // any, active, none

}  // namespace recoup::scenarios::internal

#endif  // RECOUP_SCENARIOS_ENUM_NAMES_H_
