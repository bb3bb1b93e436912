// Shared fixtures of the conversation tests: a standard account, setups per channel, and a driver
// that feeds intents and fails the test on an unexpected error.
#ifndef RECOUP_TESTS_CORE_CONVERSATION_CONVERSATION_TEST_UTIL_H_
#define RECOUP_TESTS_CORE_CONVERSATION_CONVERSATION_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <initializer_list>
#include <utility>
#include <vector>

#include "core/conversation/playbook.h"

namespace recoup::conversation::test_util {

using compliance::Disclosure;
using compliance::DisclosureSet;

inline const Timestamp kStart = Timestamp::FromCivilUtc(2026, 3, 2, 15);  // a Monday

// $600.00 owed on account 42 by person 7; well inside the default policy's approval amount.
inline domain::Account StandardAccount() {
  domain::Account a;
  a.id = 42;
  a.debtor = 7;
  a.creditor = "Acme Bank";
  a.balance.principal = Money::FromMajorUnits(600);
  a.original_balance = Money::FromMajorUnits(600);
  a.days_past_due = 45;
  return a;
}

inline DisclosureSet Set(std::initializer_list<Disclosure> ds) {
  DisclosureSet s;
  for (Disclosure d : ds) s.Add(d);
  return s;
}

// An AI-voice call with the disclosures an initial AI call needs.
inline ConversationSetup CallSetup() {
  ConversationSetup s;
  s.channel = domain::Channel::kCall;
  s.voice = domain::VoiceMode::kAiVoice;
  s.contact_point = 1;
  s.disclosures =
      Set({Disclosure::kCallerIdentification, Disclosure::kAiVoice, Disclosure::kRecordingNotice,
           Disclosure::kDebtCollectorInitial, Disclosure::kValidationInformation});
  s.today = domain::LocalDate(2026, 3, 2);
  s.calendar = domain::HolidayCalendar::UsFederal();
  s.start = kStart;
  return s;
}

inline ConversationSetup MessageSetup(domain::Channel channel) {
  ConversationSetup s = CallSetup();
  s.channel = channel;
  s.contact_point = 0;
  s.disclosures = Set({Disclosure::kCallerIdentification, Disclosure::kAiVoice,
                       Disclosure::kOptOutInstructions, Disclosure::kDebtCollectorSubsequent});
  return s;
}

inline Conversation MustStart(const ConversationSetup& setup,
                              const domain::Account& account = StandardAccount()) {
  StatusOr<Conversation> c = Conversation::Start(setup, account);
  EXPECT_TRUE(c.ok()) << c.status();
  return std::move(c).value();
}

// Feeds `events` one second apart after the last event; returns the steps of the last one.
inline std::vector<Step> Drive(Conversation& c, std::initializer_list<IntentEvent> events) {
  std::vector<Step> last;
  Timestamp t = c.history().empty() ? kStart : c.history().back().at;
  for (const IntentEvent& e : events) {
    t += Duration::Seconds(1);
    StatusOr<std::vector<Step>> steps = c.On(e, t);
    EXPECT_TRUE(steps.ok()) << IntentName(e.intent) << ": " << steps.status();
    if (!steps.ok()) return {};
    last = *steps;
  }
  return last;
}

inline IntentEvent I(Intent i) { return MakeIntent(i); }

// A call driven to the verified, collecting state.
inline Conversation VerifiedCall(const ConversationSetup& setup = CallSetup(),
                                 const domain::Account& account = StandardAccount()) {
  Conversation c = MustStart(setup, account);
  Drive(c, {I(Intent::kAnswered), I(Intent::kRightParty), I(Intent::kConfirmsIdentity)});
  EXPECT_EQ(c.state(), State::kCollecting);
  return c;
}

inline ConversationResult MustFinish(const Conversation& c) {
  const Timestamp end = c.history().back().at + Duration::Seconds(5);
  StatusOr<ConversationResult> r = c.Finish(end);
  EXPECT_TRUE(r.ok()) << r.status();
  return std::move(r).value();
}

inline bool HasFlag(const ConversationResult& r, Flag f) {
  for (const FlagChange& c : r.flag_changes) {
    if (c.flag == f) return true;
  }
  return false;
}

}  // namespace recoup::conversation::test_util

#endif  // RECOUP_TESTS_CORE_CONVERSATION_CONVERSATION_TEST_UTIL_H_
