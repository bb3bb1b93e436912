// KpiCollector: hand-built rows whose KPIs were computed by hand (collections-domain.md section 5).
#include "sim/recording/kpis.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "core/conversation/records.h"
#include "sim/recording/kpi_accounts.h"
#include "sim/recording/kpi_definitions.h"

namespace recoup::sim::recording {
namespace {

using conversation::Disposition;
using domain::Channel;
using domain::Outcome;

Timestamp At(const char* iso) { return Timestamp::ParseIso8601(iso).value(); }
Money Cents(int64_t c) { return Money::FromMinorUnits(c); }

double Get(const std::vector<double>& v, Kpi k) { return v[static_cast<std::size_t>(k)]; }

// The value of daily column `kpi` in `row`.
double Daily(const DailyKpis& row, Kpi kpi) {
  const auto cols = DailyKpiDefinitions();
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (cols[i]->kpi == kpi) return row.values[i];
  }
  ADD_FAILURE() << "not a daily KPI: " << Definition(kpi).name;
  return 0;
}

KpiConfig Config(int arms) {
  KpiConfig c;
  c.start_date = domain::LocalDate(2026, 1, 5);
  c.horizon_days = 3;
  c.operation_time_zone = "America/New_York";
  c.arm_count = arms;
  return c;
}

ContactRow Contact(uint64_t account, Channel ch, Agent agent, const char* start, Outcome outcome,
                   int64_t cost_cents) {
  ContactRow r;
  r.account = account;
  r.person = account + 100;
  r.arm = 0;
  r.channel = ch;
  r.agent = agent;
  r.voice = agent == Agent::kAi ? domain::VoiceMode::kAiVoice : domain::VoiceMode::kHuman;
  r.contact_point = ch == Channel::kLetter ? -1 : 0;
  r.start = At(start);
  r.outcome = outcome;
  r.cost = Cents(cost_cents);
  return r;
}

uint8_t D(Disposition d) { return static_cast<uint8_t>(d); }

TEST(KpiDefinitionsTest, NamesAreUniqueSnakeCaseAndFindable) {
  std::set<std::string> names;
  for (const KpiDefinition& d : KpiDefinitions()) {
    EXPECT_TRUE(names.insert(std::string(d.name)).second) << d.name;
    for (const char ch : d.name) {
      EXPECT_TRUE(std::islower(static_cast<unsigned char>(ch)) || std::isdigit(ch) || ch == '_')
          << d.name;
    }
    EXPECT_FALSE(d.unit.empty()) << d.name;
    EXPECT_FALSE(d.description.empty()) << d.name;
    EXPECT_EQ(FindKpi(d.name), d.kpi);
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(kKpiCount));
  EXPECT_FALSE(FindKpi("no_such_kpi").has_value());
  EXPECT_EQ(Definition(Kpi::kRpcRate).name, "rpc_rate");
  std::size_t daily = 0;
  for (const KpiDefinition& d : KpiDefinitions()) daily += d.daily ? 1 : 0;
  EXPECT_EQ(DailyKpiDefinitions().size(), daily);
  EXPECT_GT(daily, 30u);
}

TEST(KpiCollectorTest, CreateRejectsBadConfig) {
  KpiConfig c = Config(0);
  c.operation_time_zone = "Mars/Olympus";
  StatusOr<KpiCollector> k = KpiCollector::Create(c);
  ASSERT_FALSE(k.ok());
  EXPECT_NE(k.status().message().find("operation_time_zone"), std::string_view::npos);
  c = Config(0);
  c.horizon_days = 0;
  EXPECT_NE(KpiCollector::Create(c).status().message().find("horizon_days"),
            std::string_view::npos);
  c = Config(-1);
  EXPECT_NE(KpiCollector::Create(c).status().message().find("arm_count"), std::string_view::npos);
}

class ContactKpisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    KpiCollector& k = kpis_;
    ContactRow r1 =
        Contact(1, Channel::kCall, Agent::kAi, "2026-01-05T15:00:00Z", Outcome::kConversation, 50);
    r1.right_party_contact = true;
    r1.promise = true;
    r1.disposition = D(Disposition::kArrangementAgreed);
    k.OnContact(r1);
    k.OnContact(Contact(1, Channel::kSms, Agent::kNone, "2026-01-05T16:00:00Z", Outcome::kSent, 1));
    // 23:00 in New York on January 5: still day 0.
    k.OnContact(
        Contact(2, Channel::kCall, Agent::kHuman, "2026-01-06T04:00:00Z", Outcome::kNoAnswer, 100));
    k.OnContact(Contact(2, Channel::kCall, Agent::kAi, "2026-01-06T15:00:00Z", Outcome::kBusy, 1));
    ContactRow r5 =
        Contact(3, Channel::kCall, Agent::kAi, "2026-01-06T16:00:00Z", Outcome::kConversation, 40);
    r5.right_party_contact = true;
    r5.handed_to_human = true;
    r5.after_hours = true;
    r5.disposition = D(Disposition::kTransferredToHuman);
    k.OnContact(r5);
    ContactRow r6 = Contact(3, Channel::kCall, Agent::kAi, "2026-01-07T15:00:00Z",
                            Outcome::kInboundFromConsumer, 30);
    r6.inbound = true;
    r6.right_party_contact = true;
    r6.paid_on_contact = true;
    r6.disposition = D(Disposition::kPaid);
    k.OnContact(r6);
    ContactRow r7 =
        Contact(4, Channel::kCall, Agent::kAi, "2026-01-07T15:30:00Z", Outcome::kNoAnswer, 0);
    r7.verdict = VerdictKind::kDeny;
    r7.rule = compliance::Rule::kTimeWindow;
    k.OnContact(r7);
    k.OnContact(
        Contact(4, Channel::kEmail, Agent::kNone, "2026-01-07T16:00:00Z", Outcome::kSent, 0));
    k.OnContact(
        Contact(4, Channel::kLetter, Agent::kNone, "2026-01-07T17:00:00Z", Outcome::kSent, 70));
  }
  KpiCollector kpis_ = KpiCollector::Create(Config(2)).value();
};

TEST_F(ContactKpisTest, VolumesAndRates) {
  const std::vector<double> v = kpis_.SummaryValues(0);
  EXPECT_EQ(Get(v, Kpi::kContacts), 7);
  EXPECT_EQ(Get(v, Kpi::kContactsCall), 4);
  EXPECT_EQ(Get(v, Kpi::kContactsSms), 1);
  EXPECT_EQ(Get(v, Kpi::kContactsEmail), 1);
  EXPECT_EQ(Get(v, Kpi::kContactsLetter), 1);
  EXPECT_EQ(Get(v, Kpi::kCallsAi), 3);
  EXPECT_EQ(Get(v, Kpi::kCallsHuman), 1);
  EXPECT_EQ(Get(v, Kpi::kInboundContacts), 1);
  EXPECT_EQ(Get(v, Kpi::kBlockedContacts), 1);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kBlockedRate), 1.0 / 8);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kContactsPerDay), 7.0 / 3);
  EXPECT_EQ(Get(v, Kpi::kAccountsWorked), 4);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kAccountsContacted), 5.0 / 3);  // 2, 2, 1 accounts
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kConnectRate), 0.75);           // the busy dial is not connected
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kLiveAnswerRate), 0.5);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRpcRate), 0.5);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRpcPerAccountAttempted), 2.0 / 3);
  EXPECT_EQ(Get(v, Kpi::kRightPartyContacts), 3);  // the inbound one included
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRpcAccountRate), 0.5);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kPtpRate), 1.0 / 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kPtpPerAccount), 0.25);
  EXPECT_EQ(Get(v, Kpi::kArrangements), 2);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kArrangementRate), 2.0 / 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kAccountsArrangedRate), 0.5);
  EXPECT_EQ(Get(v, Kpi::kAiRightPartyContacts), 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kAiResolutionRate), 2.0 / 3);  // the hand-off is not resolved
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kEscalationRate), 1.0 / 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kAfterHoursShare), 0.25);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kContactCost), 2.92);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kCostPerContact), 2.92 / 8);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kCostPerAccount), 2.92 / 4);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kCostPerRpc), 2.92 / 3);
  // Live contacts: the two answered dials and the inbound call; the unanswered text and email, the
  // letter, the no-answer and busy dials are attempts, not contacts.
  EXPECT_EQ(Get(v, Kpi::kLiveContacts), 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kCostPerLiveContact), 2.92 / 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kAiCallResolutionRate), 2.0 / 3);  // all AI RPCs here are calls
  // Arm 1 saw nothing.
  EXPECT_EQ(Get(kpis_.SummaryValues(1), Kpi::kContacts), 0);
  EXPECT_EQ(Get(kpis_.SummaryValues(1), Kpi::kRpcRate), 0);
}

// The product brief's figures: cost per (live) contact, and calls resolved by the AI without a
// human, apart from the AI's text and email threads.
TEST(KpiCollectorTest, LiveContactsAndAiCallResolution) {
  KpiCollector k = KpiCollector::Create(Config(2)).value();
  // An AI call: the debtor pays on the call.
  ContactRow paid =
      Contact(1, Channel::kCall, Agent::kAi, "2026-01-05T15:00:00Z", Outcome::kConversation, 60);
  paid.right_party_contact = true;
  paid.promise = true;
  paid.paid_on_contact = true;
  paid.disposition = D(Disposition::kPaid);
  k.OnContact(paid);
  // An AI call: verified, refused.
  ContactRow refused =
      Contact(2, Channel::kCall, Agent::kAi, "2026-01-05T15:10:00Z", Outcome::kConversation, 40);
  refused.right_party_contact = true;
  refused.disposition = D(Disposition::kRefused);
  k.OnContact(refused);
  // An AI call answered by a third party: live, not a right-party contact.
  ContactRow third =
      Contact(3, Channel::kCall, Agent::kAi, "2026-01-05T15:20:00Z", Outcome::kWrongParty, 10);
  third.disposition = D(Disposition::kThirdParty);
  k.OnContact(third);
  // A voicemail: not live.
  ContactRow voicemail = Contact(4, Channel::kCall, Agent::kHuman, "2026-01-05T15:30:00Z",
                                 Outcome::kVoicemailLimited, 50);
  voicemail.disposition = D(Disposition::kVoicemailLeft);
  k.OnContact(voicemail);
  // A text thread the debtor answered and agreed a plan in (the AI works it): live, resolved, but
  // not a call.
  ContactRow thread =
      Contact(5, Channel::kSms, Agent::kAi, "2026-01-05T16:00:00Z", Outcome::kSent, 2);
  thread.right_party_contact = true;
  thread.promise = true;
  thread.disposition = D(Disposition::kArrangementAgreed);
  k.OnContact(thread);
  // An email that got no reply, and one that bounced: attempts only.
  ContactRow unread =
      Contact(6, Channel::kEmail, Agent::kAi, "2026-01-05T16:10:00Z", Outcome::kSent, 0);
  unread.disposition = D(Disposition::kNoAnswer);
  k.OnContact(unread);
  ContactRow bounced =
      Contact(6, Channel::kEmail, Agent::kAi, "2026-01-05T16:20:00Z", Outcome::kUndeliverable, 0);
  bounced.disposition = kDispositionNotConnected;
  k.OnContact(bounced);
  // An inbound call nobody answered (voicemail): no cost, not a live contact.
  ContactRow missed = Contact(6, Channel::kCall, Agent::kNone, "2026-01-05T16:30:00Z",
                              Outcome::kInboundFromConsumer, 0);
  missed.inbound = true;
  missed.disposition = D(Disposition::kNoAnswer);
  k.OnContact(missed);
  // A letter: postage, no contact.
  k.OnContact(
      Contact(7, Channel::kLetter, Agent::kNone, "2026-01-05T17:00:00Z", Outcome::kSent, 100));
  // A blocked call: neither cost nor contact.
  ContactRow blocked =
      Contact(8, Channel::kCall, Agent::kAi, "2026-01-05T17:30:00Z", Outcome::kNoAnswer, 0);
  blocked.verdict = VerdictKind::kDeny;
  k.OnContact(blocked);
  // An AI call verified and agreed, then handed to a human: not resolved by the AI.
  ContactRow handed = Contact(9, Channel::kCall, Agent::kAi, "2026-01-06T15:00:00Z",
                              Outcome::kInboundFromConsumer, 30);
  handed.inbound = true;
  handed.right_party_contact = true;
  handed.promise = true;
  handed.handed_to_human = true;
  handed.disposition = D(Disposition::kArrangementAgreed);
  k.OnContact(handed);

  const std::vector<double> v = k.SummaryValues(0);
  EXPECT_EQ(Get(v, Kpi::kLiveContacts), 5);  // paid, refused, third party, thread, inbound
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kContactCost), 2.92);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kCostPerLiveContact), 2.92 / 5);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kCostPerContact), 2.92 / 10);  // 8 attempts and 2 inbound calls
  // AI calls with a verified right party: paid (resolved), refused, handed over.
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kAiCallResolutionRate), 1.0 / 3);
  // Every AI right-party contact: those three and the text thread (resolved).
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kAiResolutionRate), 2.0 / 4);
  const std::vector<DailyKpis> days = k.Daily(0);
  EXPECT_EQ(Daily(days[0], Kpi::kLiveContacts), 4);
  EXPECT_DOUBLE_EQ(Daily(days[0], Kpi::kCostPerLiveContact), 2.62 / 4);
  EXPECT_DOUBLE_EQ(Daily(days[0], Kpi::kAiCallResolutionRate), 0.5);
  EXPECT_DOUBLE_EQ(Daily(days[1], Kpi::kAiCallResolutionRate), 0.0);
}

// WhatsApp messages are contacts of their own channel (and of `contacts`), cost what the row says,
// are live when the person replied, and the money they bring in is recovered_whatsapp.
TEST(KpiCollectorTest, WhatsAppContactsAndRecoveries) {
  KpiCollector k = KpiCollector::Create(Config(1)).value();
  ContactRow replied =
      Contact(1, Channel::kWhatsApp, Agent::kAi, "2026-01-05T16:00:00Z", Outcome::kSent, 1);
  replied.right_party_contact = true;
  replied.promise = true;
  replied.disposition = D(Disposition::kArrangementAgreed);
  k.OnContact(replied);
  ContactRow unread =
      Contact(2, Channel::kWhatsApp, Agent::kAi, "2026-01-06T16:00:00Z", Outcome::kSent, 1);
  unread.disposition = D(Disposition::kNoAnswer);
  k.OnContact(unread);
  ContactRow blocked =
      Contact(3, Channel::kWhatsApp, Agent::kAi, "2026-01-06T17:00:00Z", Outcome::kSent, 0);
  blocked.verdict = VerdictKind::kDeny;
  blocked.rule = compliance::Rule::kWhatsAppConsent;
  k.OnContact(blocked);
  k.OnContact(Contact(2, Channel::kSms, Agent::kAi, "2026-01-06T18:00:00Z", Outcome::kSent, 1));
  PaymentRow paid;
  paid.arm = 0;
  paid.time = At("2026-01-06T18:00:00Z");
  paid.amount = Cents(12345);
  paid.source = PaymentRow::Source::kWhatsApp;
  paid.agent = Agent::kAi;
  k.OnPayment(paid);
  PaymentRow text = paid;
  text.amount = Cents(1000);
  text.source = PaymentRow::Source::kSms;
  k.OnPayment(text);

  const std::vector<double> v = k.SummaryValues(0);
  EXPECT_EQ(Get(v, Kpi::kContactsWhatsApp), 2);
  EXPECT_EQ(Get(v, Kpi::kContactsSms), 1);
  EXPECT_EQ(Get(v, Kpi::kContacts), 3);
  EXPECT_EQ(Get(v, Kpi::kContactsCall), 0);
  EXPECT_EQ(Get(v, Kpi::kBlockedContacts), 1);
  EXPECT_EQ(Get(v, Kpi::kLiveContacts), 1);  // the thread the person replied in
  EXPECT_EQ(Get(v, Kpi::kRightPartyContacts), 1);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kContactCost), 0.03);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRecoveredWhatsApp), 123.45);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRecoveredSms), 10.00);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kAmountRecovered), 133.45);
  const std::vector<DailyKpis> days = k.Daily(0);
  EXPECT_EQ(Daily(days[0], Kpi::kContactsWhatsApp), 1);
  EXPECT_EQ(Daily(days[1], Kpi::kContactsWhatsApp), 1);
  EXPECT_DOUBLE_EQ(Daily(days[1], Kpi::kRecoveredWhatsApp), 123.45);
  EXPECT_EQ(Definition(Kpi::kContactsWhatsApp).name, "contacts_whatsapp");
  EXPECT_EQ(Definition(Kpi::kRecoveredWhatsApp).name, "recovered_whatsapp");
}

TEST_F(ContactKpisTest, DailyRowsCountOnTheOperationsDay) {
  const std::vector<DailyKpis> days = kpis_.Daily(0);
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days[0].date, domain::LocalDate(2026, 1, 5));
  EXPECT_EQ(days[2].day, 2);
  EXPECT_EQ(Daily(days[0], Kpi::kContacts), 3);  // the 23:00 call included
  EXPECT_EQ(Daily(days[0], Kpi::kAccountsContacted), 2);
  EXPECT_EQ(Daily(days[1], Kpi::kContacts), 2);
  EXPECT_DOUBLE_EQ(Daily(days[1], Kpi::kConnectRate), 0.5);
  EXPECT_EQ(Daily(days[2], Kpi::kContacts), 2);
  EXPECT_EQ(Daily(days[2], Kpi::kAccountsContacted), 1);
  EXPECT_EQ(Daily(days[2], Kpi::kBlockedContacts), 1);
  EXPECT_EQ(Daily(days[2], Kpi::kInboundContacts), 1);
}

TEST_F(ContactKpisTest, ViolationsComeOnlyFromTheAudit) {
  EXPECT_TRUE(std::isnan(Get(kpis_.SummaryValues(0), Kpi::kComplianceViolations)));
  AuditReport report;
  report.violations = {{compliance::Rule::kTimeWindow, 3, 2, 102, 0, At("2026-01-06T15:00:00Z")},
                       {compliance::Rule::kCallsPerWeek, 3, 2, 102, 0, At("2026-01-06T15:00:00Z")},
                       {compliance::Rule::kSmsConsent, 5, 1, 101, 1, At("2026-01-05T16:00:00Z")}};
  kpis_.ApplyAudit(report);
  const std::vector<double> v = kpis_.SummaryValues(0);
  EXPECT_EQ(Get(v, Kpi::kComplianceViolations), 1);  // one contact, two rules
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kComplianceViolationRate), 1.0 / 7);
  EXPECT_EQ(Get(kpis_.SummaryValues(1), Kpi::kComplianceViolations), 1);
  EXPECT_EQ(Daily(kpis_.Daily(0)[1], Kpi::kComplianceViolations), 1);
  EXPECT_EQ(Daily(kpis_.Daily(0)[0], Kpi::kComplianceViolations), 0);
  kpis_.ApplyAudit(AuditReport{});
  EXPECT_EQ(Get(kpis_.SummaryValues(0), Kpi::kComplianceViolations), 0);
}

TEST(KpiCollectorTest, PromisesPaymentsQueueAndApi) {
  KpiCollector k = KpiCollector::Create(Config(2)).value();
  const auto promise = [](domain::LocalDate due, int64_t amount, int64_t paid,
                          PromiseRow::State st) {
    PromiseRow p;
    p.arm = 1;
    p.due = due;
    p.amount = Cents(amount);
    p.paid = Cents(paid);
    p.state = st;
    return p;
  };
  using PS = PromiseRow::State;
  const PromiseRow p1 = promise(domain::LocalDate(2026, 1, 5), 10000, 10000, PS::kKept);
  const PromiseRow p2 = promise(domain::LocalDate(2026, 1, 6), 5000, 2000, PS::kPartial);
  const PromiseRow p3 = promise(domain::LocalDate(2026, 1, 6), 3000, 0, PS::kBroken);
  const PromiseRow p4 = promise(domain::LocalDate(2026, 1, 9), 9900, 0, PS::kOpen);
  for (const PromiseRow& p : {p1, p2, p3, p4}) k.OnPromise(p);

  const auto payment = [](int64_t amount, int64_t fee, PaymentRow::Source src, Agent agent,
                          PaymentRow::Status st, bool after_charge_off) {
    PaymentRow p;
    p.arm = 1;
    p.time = At("2026-01-06T18:00:00Z");
    p.amount = Cents(amount);
    p.fee = Cents(fee);
    p.source = src;
    p.agent = agent;
    p.status = st;
    p.after_charge_off = after_charge_off;
    return p;
  };
  using S = PaymentRow::Source;
  using St = PaymentRow::Status;
  k.OnPayment(payment(10000, 290, S::kCall, Agent::kAi, St::kSettled, false));
  k.OnPayment(payment(2000, 0, S::kSelfCure, Agent::kNone, St::kSettled, false));
  k.OnPayment(payment(5000, 0, S::kCall, Agent::kHuman, St::kDeclined, false));
  k.OnPayment(payment(1000, 50, S::kSms, Agent::kNone, St::kSettled, true));

  for (const auto& [wait_s, abandoned] : {std::pair{60, false}, {120, false}, {30, true}}) {
    EscalationRow e;
    e.arm = 1;
    e.queued = At("2026-01-05T20:00:00Z");
    e.wait = Duration::Seconds(wait_s);
    e.abandoned = abandoned;
    k.OnEscalation(e);
  }
  for (const auto& [ms, during, ok] : {std::tuple{100, false, true},
                                       {200, false, false},
                                       {3000, true, true},
                                       {1500, true, true}}) {
    ApiCallRow a;
    a.arm = 1;
    a.sent = At("2026-01-07T14:00:00Z");
    a.latency = Duration::Milliseconds(ms);
    a.during_call = during;
    a.ok = ok;
    k.OnApiCall(a);
  }

  const std::vector<double> v = k.SummaryValues(1);
  EXPECT_EQ(Get(v, Kpi::kPromisesDue), 3);  // the open one is not due
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kKeptRate), 1.0 / 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kKeptAmountRate), 10000.0 / 18000);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kPartialRate), 1.0 / 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kBrokenRate), 1.0 / 3);
  EXPECT_EQ(Daily(k.Daily(1)[1], Kpi::kPromisesDue), 2);
  EXPECT_EQ(Daily(k.Daily(1)[1], Kpi::kKeptRate), 0);

  EXPECT_DOUBLE_EQ(Get(v, Kpi::kAmountRecovered), 130.0);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRecoveredCall), 100.0);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRecoveredSelfCure), 20.0);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRecoveredSms), 10.0);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRecoveredAi), 100.0);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRecoveredHuman), 0.0);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kPaymentFees), 3.40);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kPaymentFailureRate), 0.25);

  EXPECT_EQ(Get(v, Kpi::kEscalations), 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kQueueWaitMeanS), 90.0);  // answered waits only
  EXPECT_NEAR(Get(v, Kpi::kQueueWaitP90S), 60.0, 0.3);   // rank floor(0.9 * 1) = 0 of {60, 120}
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kAbandonmentRate), 1.0 / 3);

  EXPECT_EQ(Get(v, Kpi::kApiCalls), 4);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kApiCallsPerDay), 4.0 / 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kApiErrorRate), 0.25);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kLookupOverBudgetShare), 0.5);  // 3 s > 2 s, 1.5 s is not
  EXPECT_NEAR(Get(v, Kpi::kApiLatencyP50Ms), 200.0, 1.0);
  EXPECT_NEAR(Get(v, Kpi::kApiLatencyP99Ms), 1500.0, 7.5);
  EXPECT_NEAR(Daily(k.Daily(1)[2], Kpi::kApiLatencyP95Ms), 1500.0, 7.5);
  EXPECT_EQ(Daily(k.Daily(1)[0], Kpi::kApiLatencyP95Ms), 0);
}

// The callback list (staffing.callbacks): hand-offs sent to it count as escalations on the day of
// the hand-off, abandoned only when the debtor hung up on hold, never in ASA; its calls are dials
// of human agents marked `callback`.
TEST(KpiCollectorTest, Callbacks) {
  KpiCollector k = KpiCollector::Create(Config(2)).value();
  const auto escalation = [](const char* queued, int64_t wait_s, bool abandoned, bool callback,
                             CallbackFate fate, int64_t callback_wait_h) {
    EscalationRow e;
    e.arm = 0;
    e.queued = At(queued);
    e.wait = Duration::Seconds(wait_s);
    e.abandoned = abandoned;
    e.callback = callback;
    e.callback_fate = fate;
    e.callback_wait = Duration::Hours(callback_wait_h);
    return e;
  };
  using F = CallbackFate;
  // Answered live after 30 s; after hours, straight to the list and called back 7 days later;
  // abandoned on hold after 60 s, then withdrawn (the debtor called us); owed at the end.
  k.OnEscalation(escalation("2026-01-05T15:00:00Z", 30, false, false, F::kNone, 0));
  k.OnEscalation(escalation("2026-01-06T01:00:00Z", 0, false, true, F::kCalled, 7 * 24));
  k.OnEscalation(escalation("2026-01-06T15:00:00Z", 60, true, true, F::kWithdrawn, 20));
  k.OnEscalation(escalation("2026-01-07T15:00:00Z", 0, false, true, F::kPending, 10));
  // Two call backs, one reaching the debtor; one denied (a hold), which is no call.
  ContactRow reached = Contact(1, Channel::kCall, Agent::kHuman, "2026-01-07T14:00:00Z",
                               Outcome::kConversation, 300);
  reached.right_party_contact = true;
  reached.callback = true;
  k.OnContact(reached);
  ContactRow missed =
      Contact(2, Channel::kCall, Agent::kHuman, "2026-01-07T14:10:00Z", Outcome::kNoAnswer, 20);
  missed.callback = true;
  k.OnContact(missed);
  ContactRow denied =
      Contact(3, Channel::kCall, Agent::kHuman, "2026-01-07T14:20:00Z", Outcome::kNoAnswer, 0);
  denied.callback = true;
  denied.verdict = VerdictKind::kDeny;
  denied.rule = compliance::Rule::kWrittenCease;
  k.OnContact(denied);

  const std::vector<double> v = k.SummaryValues(0);
  EXPECT_EQ(Get(v, Kpi::kEscalations), 4);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kAbandonmentRate), 0.25);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kQueueWaitMeanS), 30);  // the live answer only
  EXPECT_EQ(Get(v, Kpi::kCallbacks), 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kCallbackCompletionRate), 1.0 / 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kCallbackWaitMeanHours), 168);
  EXPECT_EQ(Get(v, Kpi::kCallbackCalls), 2);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kCallbackRpcRate), 0.5);
  EXPECT_EQ(Get(v, Kpi::kCallsHuman), 2);
  EXPECT_EQ(Get(v, Kpi::kBlockedContacts), 1);
  const std::vector<DailyKpis> days = k.Daily(0);
  EXPECT_EQ(Daily(days[0], Kpi::kCallbacks), 1);  // 20:00 in New York on the 5th
  EXPECT_EQ(Daily(days[1], Kpi::kCallbacks), 1);
  EXPECT_EQ(Daily(days[2], Kpi::kCallbacks), 1);
  EXPECT_EQ(Daily(days[2], Kpi::kCallbackCalls), 2);
  EXPECT_EQ(Get(k.SummaryValues(1), Kpi::kCallbacks), 0);
}

TEST(KpiCollectorTest, PortfolioKpisFromSnapshots) {
  KpiCollector k = KpiCollector::Create(Config(0)).value();
  const auto snap = [](int day) {
    DaySnapshot s;
    s.date = domain::LocalDate(2026, 1, 5) + day;
    s.arm = -1;
    return s;
  };
  DaySnapshot d0 = snap(0);
  d0.placed = Money::FromMajorUnits(1000);
  d0.receivables = Money::FromMajorUnits(900);
  d0.current_receivables = Money::FromMajorUnits(100);
  d0.bucket_accounts = {2, 5, 3, 2, 0};
  d0.accounts = 12;
  d0.resolved = 1;
  d0.human_staffed_s = 1000;
  d0.human_busy_s = 500;
  d0.ai_line_s = 2000;
  d0.ai_busy_s = 500;
  DaySnapshot d1 = snap(1);
  d1.receivables = Money::FromMajorUnits(800);
  d1.current_receivables = Money::FromMajorUnits(150);
  d1.charged_off = Money::FromMajorUnits(50);
  d1.rolled_in = {0, 1, 2, 1, 1};
  d1.cured = 2;
  d1.self_cured = 1;
  d1.bucket_accounts = {3, 4, 3, 2, 1};
  d1.resolved = 2;
  d1.human_staffed_s = 1000;
  d1.human_busy_s = 250;
  DaySnapshot d2 = snap(2);
  d2.placed = Money::FromMajorUnits(100);
  d2.receivables = Money::FromMajorUnits(850);
  d2.current_receivables = Money::FromMajorUnits(200);
  d2.rolled_in = {0, 0, 1, 0, 0};
  d2.cured = 1;
  d2.bucket_accounts = {4, 4, 2, 2, 1};
  d2.accounts = 13;
  for (const DaySnapshot& d : {d0, d1, d2}) k.OnDay(d);
  PaymentRow p;
  p.time = At("2026-01-06T18:00:00Z");
  p.amount = Money::FromMajorUnits(10);
  p.after_charge_off = true;
  k.OnPayment(p);
  AccountOutcomeRow a;
  a.contacts = 2;
  a.resolved_day = 4;
  k.OnAccountOutcome(a);
  a.contacts = 0;
  a.resolved_day = 1;
  k.OnAccountOutcome(a);
  a.contacts = 1;
  a.resolved_day = -1;
  k.OnAccountOutcome(a);

  const std::vector<double> v = k.SummaryValues(-1);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kAmountPlaced), 1100);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kChargedOff), 50);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kReceivables), 850);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kCurrentReceivables), 200);
  EXPECT_EQ(Get(v, Kpi::kOpenAccounts), 13);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kDsoDays), 850.0 / 1100 * 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kCeiPercent), 250.0 / 900 * 100);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kWriteOffRate), 50.0 * 365 / 3 / 850);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kWriteOffRateMonthly), 50.0 * 30.4375 / 3 / 850);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kNetWriteOffRate), 40.0 * 365 / 3 / 850);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRecoveryRate), 0.2);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kLiquidationRate), 10.0 / 1100);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRollRateCurrentToEarly), 1.0 / 5);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRollRateEarlyToMid), 3.0 / 9);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRollRateMidToLate), 1.0 / 6);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kRollRateLateToRecovery), 1.0 / 4);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kCureRate), 3.0 / 19);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kSelfCureShare), 1.0 / 3);
  EXPECT_EQ(Get(v, Kpi::kResolvedAccounts), 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kHumanUtilisation), 0.375);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kAiUtilisation), 0.25);
  EXPECT_EQ(Get(v, Kpi::kAccountsPlaced), 3);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kResolutionRate), 0.5);
  EXPECT_DOUBLE_EQ(Get(v, Kpi::kAverageResolutionDays), 3.5);

  const std::vector<DailyKpis> days = k.Daily(-1);
  EXPECT_EQ(Daily(days[0], Kpi::kRollRateEarlyToMid), 0);  // no day before
  EXPECT_DOUBLE_EQ(Daily(days[1], Kpi::kRollRateEarlyToMid), 2.0 / 5);
  EXPECT_DOUBLE_EQ(Daily(days[1], Kpi::kCeiPercent), 100.0 / 750 * 100);
  EXPECT_DOUBLE_EQ(Daily(days[1], Kpi::kDsoDays), 800.0 / 1000 * 2);
  EXPECT_DOUBLE_EQ(Daily(days[2], Kpi::kCeiPercent), 50.0 / 700 * 100);
  EXPECT_DOUBLE_EQ(Daily(days[2], Kpi::kDsoDays), 850.0 / 1100 * 3);
  EXPECT_DOUBLE_EQ(Daily(days[1], Kpi::kCureRate), 2.0 / 10);
  EXPECT_DOUBLE_EQ(Daily(days[0], Kpi::kHumanUtilisation), 0.5);
}

TEST(KpiCollectorTest, ArmsAndCollect) {
  KpiCollector k = KpiCollector::Create(Config(2)).value();
  ContactRow r = Contact(9, Channel::kSms, Agent::kNone, "2026-01-05T15:00:00Z", Outcome::kSent, 1);
  r.arm = 5;
  k.OnContact(r);
  EXPECT_EQ(k.Arms(), (std::vector<int>{-1, 0, 1, 5}));
  const ReplicationKpis rep = k.Collect(2, 43);
  EXPECT_EQ(rep.replication, 2);
  EXPECT_EQ(rep.seed, 43u);
  ASSERT_EQ(rep.arms.size(), 4u);
  ASSERT_NE(rep.Arm(5), nullptr);
  EXPECT_EQ(Get(rep.Arm(5)->summary, Kpi::kContactsSms), 1);
  EXPECT_EQ(rep.Arm(5)->daily.size(), 3u);
  EXPECT_EQ(rep.Arm(7), nullptr);
  const auto named = k.Summary(5);
  EXPECT_EQ(named.at("contacts_sms"), 1);
  EXPECT_EQ(named.size(), static_cast<std::size_t>(kKpiCount));
}

// --- Per-account state (kpi_accounts.h).

TEST(AccountDaysTest, CountsEachDayOnceInOrderAndWithinTheWindow) {
  internal::AccountDays a;
  EXPECT_TRUE(a.MarkDay(3));
  EXPECT_FALSE(a.MarkDay(3));
  EXPECT_TRUE(a.MarkDay(4));
  EXPECT_FALSE(a.MarkDay(3));  // a late row (a contact across midnight): counted already
  EXPECT_TRUE(a.MarkDay(2));   // late and new
  EXPECT_FALSE(a.MarkDay(2));
  EXPECT_TRUE(a.MarkDay(20));  // day 4 is now 16 behind: still remembered
  EXPECT_FALSE(a.MarkDay(4));
  EXPECT_TRUE(a.MarkDay(10));
  EXPECT_FALSE(a.MarkDay(10));
  EXPECT_FALSE(a.MarkDay(20));
  EXPECT_TRUE(a.MarkDay(100));  // a jump past the window forgets everything before
  EXPECT_TRUE(a.MarkDay(99));
  EXPECT_TRUE(a.MarkDay(84));
  EXPECT_FALSE(a.MarkDay(84));
  EXPECT_TRUE(a.MarkFirst(internal::kRpc));
  EXPECT_FALSE(a.MarkFirst(internal::kRpc));
  EXPECT_TRUE(a.MarkFirst(internal::kWorked));
}

TEST(AccountDaysTest, MatchesABitmapOnRowsThatComeAtMostSixteenDaysLate) {
  // Pseudo-random days, each at most 16 behind the latest so far; the bitmap is the reference.
  internal::AccountDays a;
  std::set<uint32_t> seen;
  uint32_t latest = 0;
  uint64_t x = 12345;
  for (int i = 0; i < 5000; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto r = static_cast<uint32_t>(x >> 33);
    uint32_t day = r % 4 == 0 ? latest + r % 3 : latest - std::min<uint32_t>(latest, r % 17);
    latest = std::max(latest, day);
    EXPECT_EQ(a.MarkDay(day), seen.insert(day).second) << "row " << i << " day " << day;
  }
}

TEST(AccountDaysDeathTest, ARowMoreThanSixteenDaysLateIsABug) {
  internal::AccountDays a;
  a.MarkDay(30);
  EXPECT_TRUE(a.MarkDay(14));  // 16 behind
  EXPECT_DEATH(a.MarkDay(13), "time order");
}

TEST(AccountTableTest, DenseIdsInTheVectorFarIdsInTheMap) {
  internal::AccountTable t;
  t.Get(70'000).MarkFirst(internal::kRpc);  // beyond 2^16 + 8 accounts: kept in the map
  t.Get(uint64_t{1} << 60).MarkFirst(internal::kDialled);
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.sparse_size(), 2u);
  for (uint64_t id = 1; id <= 600; ++id) t.Get(id).MarkDay(static_cast<uint32_t>(id % 7));
  EXPECT_EQ(t.size(), 602u);
  EXPECT_EQ(t.sparse_size(), 2u);
  t.Get(70'001);  // the vector now grows past 70'000, which moves over with its marks
  EXPECT_EQ(t.sparse_size(), 1u);
  EXPECT_EQ(t.size(), 603u);
  EXPECT_FALSE(t.Get(70'000).MarkFirst(internal::kRpc));
  EXPECT_FALSE(t.Get(uint64_t{1} << 60).MarkFirst(internal::kDialled));
  EXPECT_FALSE(t.Get(5).MarkDay(5));
  EXPECT_TRUE(t.Get(5).MarkDay(6));
  EXPECT_EQ(t.size(), 603u);
  EXPECT_LT(t.MemoryBytes(), 70'002 * 9 / 8 * sizeof(internal::AccountDays) + 200);
}

TEST(KpiCollectorTest, AccountIdsNeedNotBeDense) {
  // The same rows under ids 1..3 and under far-apart ids give the same KPIs.
  const auto feed = [](uint64_t scale) {
    KpiCollector k = KpiCollector::Create(Config(0)).value();
    for (uint64_t a = 1; a <= 3; ++a) {
      for (const char* t : {"2026-01-05T15:00:00Z", "2026-01-06T04:30:00Z", "2026-01-06T15:00:00Z",
                            "2026-01-07T15:00:00Z"}) {
        ContactRow r = Contact(a * scale, Channel::kCall, Agent::kAi, t, Outcome::kConversation, 1);
        r.arm = -1;
        r.right_party_contact = a != 2;
        k.OnContact(r);
      }
    }
    // A call that began before midnight, reported after a later one of the same account.
    for (const char* t : {"2026-01-06T15:00:00Z", "2026-01-06T04:59:00Z"}) {
      ContactRow r = Contact(4 * scale, Channel::kCall, Agent::kAi, t, Outcome::kNoAnswer, 1);
      r.arm = -1;
      k.OnContact(r);
    }
    return std::make_pair(k.SummaryValues(-1), k.Daily(-1));
  };
  const auto dense = feed(1);
  const auto sparse = feed(uint64_t{1} << 40);
  const auto same = [](const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i] && !(std::isnan(a[i]) && std::isnan(b[i]))) return false;
    }
    return true;
  };
  EXPECT_TRUE(same(dense.first, sparse.first));
  ASSERT_EQ(dense.second.size(), 3u);
  for (std::size_t d = 0; d < 3; ++d) EXPECT_TRUE(same(dense.second[d].values, sparse.second[d].values));
  EXPECT_EQ(Get(dense.first, Kpi::kAccountsWorked), 4);
  EXPECT_EQ(Get(dense.first, Kpi::kRightPartyContacts), 8);
  EXPECT_EQ(Daily(dense.second[0], Kpi::kAccountsContacted), 4);  // 4's late call: day 0
  EXPECT_EQ(Daily(dense.second[1], Kpi::kAccountsContacted), 4);
  EXPECT_EQ(Daily(dense.second[2], Kpi::kAccountsContacted), 3);
}

}  // namespace
}  // namespace recoup::sim::recording
