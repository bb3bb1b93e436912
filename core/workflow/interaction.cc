#include "core/workflow/interaction.h"

#include <string>
#include <utility>

#include "core/base/check.h"
#include "core/conversation/playbook.h"
#include "core/runtime/sleep.h"

namespace recoup::workflow {
namespace {

// One record to write. A plain struct rather than a std::function: GCC 12 mishandles
// non-trivial temporaries converted into coroutine parameters (DESIGN.md section 2).
struct Write {
  ApiCallKind kind = ApiCallKind::kContactAttempt;
  OrgContactAttempt attempt;
  OrgComplianceRecord compliance;
  OrgArrangement arrangement;
  OrgDispute dispute;
  OrgPayment payment;
};

// Starts the request for `w` (not a coroutine: each port call copies its record into its frame).
Task<StatusOr<std::string>> Issue(OrgPort* org, const Write& w) {
  switch (w.kind) {
    case ApiCallKind::kCompliance:
      return org->RecordCompliance(w.compliance);
    case ApiCallKind::kArrangement:
      return org->RecordArrangement(w.arrangement);
    case ApiCallKind::kDispute:
      return org->RecordDispute(w.dispute);
    case ApiCallKind::kPayment:
      return org->RecordPayment(w.payment);
    case ApiCallKind::kContactAttempt:
    case ApiCallKind::kLookup:
      break;
  }
  return org->RecordContactAttempt(w.attempt);
}

// Conversations longer than this many exchanges are cut (a channel that never ends one is a bug on
// its side; the conversation is then recorded as if the person hung up).
constexpr int kMaxExchanges = 64;
constexpr Duration kRetryDelay = Duration::Seconds(1);

// Sends one write, retrying kUnavailable after kRetryDelay, at most `max_attempts` times.
Task<ApiCall> Send(Write write, OrgPort* org, Executor* executor, int max_attempts) {
  ApiCall call;
  call.kind = write.kind;
  for (int attempt = 1;; ++attempt) {
    call.sent = executor->Now();
    StatusOr<std::string> answer = co_await Issue(org, write);
    call.latency = executor->Now() - call.sent;
    call.code = answer.ok() ? StatusCode::kOk : answer.status().code();
    if (call.code != StatusCode::kUnavailable || attempt >= max_attempts) break;
    co_await SleepFor(*executor, kRetryDelay);
  }
  co_return call;
}

OrgPayment PaymentFor(const domain::Account& account,
                      const conversation::PaymentArrangementRecord& a, Timestamp at) {
  OrgPayment p;
  p.account = account.id;
  p.account_external_id = account.external_id;
  p.external_id = account.external_id + "-" + std::to_string(at.unix_nanos());
  p.amount = a.first_payment;
  p.paid_at = at;
  p.method = a.method == conversation::PaymentMethod::kKeypad ? "Card" : "Link";
  p.status = "Settled";
  return p;
}

bool IsAutomated(const compliance::ContactRequest& r) {
  return r.channel == domain::Channel::kSms || r.channel == domain::Channel::kEmail ||
         r.channel == domain::Channel::kWhatsApp ||
         (r.channel == domain::Channel::kCall && domain::IsRobocall(r.voice));
}

}  // namespace

Task<ApiCall> RecordPayment(OrgPayment payment, Ports ports, int max_attempts) {
  Write write;
  write.kind = ApiCallKind::kPayment;
  write.payment = std::move(payment);
  ApiCall call = co_await Send(write, ports.org, ports.executor, max_attempts);
  co_return call;
}

Task<ContactOutcome> RunContact(ContactInputs in, Ports ports) {
  RECOUP_CHECK(in.account != nullptr && in.debtor != nullptr && in.history != nullptr &&
               in.engine != nullptr && in.policy != nullptr && in.calendar != nullptr);
  RECOUP_CHECK(ports.executor != nullptr && ports.channel != nullptr && ports.org != nullptr);
  // Every path below calls it once, right after the debtor's last read.
  const auto debtor_done = [&in] {
    if (in.debtor_done) std::exchange(in.debtor_done, nullptr)();
  };
  Executor* executor = ports.executor;
  OrgPort* org = ports.org;
  const domain::Account& account = *in.account;
  const compliance::ContactRequest& request = in.request;
  RECOUP_CHECK_MSG(!request.inbound || request.channel == domain::Channel::kCall,
                   "RunContact: only calls can be inbound");
  ContactOutcome out;
  out.api_calls.reserve(6);  // the lookup and at most five writes: no reallocation per contact

  // 1. The real-time re-read of the account before a call.
  if (request.channel == domain::Channel::kCall && in.lookup_before_call) {
    ApiCall lookup;
    lookup.kind = ApiCallKind::kLookup;
    lookup.during_call = true;
    lookup.sent = executor->Now();
    StatusOr<OrgAccountView> view = co_await org->LookupAccount(account.external_id);
    lookup.latency = executor->Now() - lookup.sent;
    lookup.code = view.ok() ? StatusCode::kOk : view.status().code();
    out.api_calls.push_back(lookup);
    if (in.lookup_done) in.lookup_done(lookup);
    if (!view.ok()) {
      out.lookup = view.status();
      out.verdict = compliance::Verdict::Deny(compliance::Rule::kNone,
                                              "the account could not be read from the org");
      out.ended = executor->Now();
      debtor_done();
      co_return out;
    }
  }

  // 2. Compliance at the moment of contact.
  const Timestamp now = executor->Now();
  out.verdict = in.engine->Check(request, account, *in.debtor, *in.history, now);
  if (!out.verdict.allowed()) {
    out.ended = now;
    debtor_done();
    co_return out;
  }
  out.contacted = true;

  // 3. The contact itself.
  conversation::ConversationResult result;
  if (request.channel == domain::Channel::kLetter) {
    conversation::ContactAttemptRecord& a = result.contact_attempt;
    a.account = account.id;
    a.person = in.debtor->id;
    a.channel = domain::Channel::kLetter;
    a.voice = domain::VoiceMode::kHuman;
    a.start = now;
    a.end = now;
    a.outcome = domain::Outcome::kSent;
    a.ledger_event.time = now;
    a.ledger_event.channel = domain::Channel::kLetter;
    a.ledger_event.outcome = domain::Outcome::kSent;
    a.ledger_event.debts.Add(account.id);
    debtor_done();
  } else {
    conversation::ConversationSetup setup;
    setup.channel = request.channel;
    setup.voice = request.voice;
    setup.contact_point = static_cast<int8_t>(request.contact_point);
    setup.disclosures = in.engine->RequiredDisclosures(request, account, *in.debtor, *in.history);
    setup.policy = *in.policy;
    setup.today = in.today;
    setup.calendar = *in.calendar;
    setup.start = now;
    StatusOr<conversation::Conversation> started =
        conversation::Conversation::Start(setup, account);
    if (!started.ok()) {
      // The playbook refuses accounts compliance should have stopped: fail closed, no contact.
      out.contacted = false;
      out.verdict = compliance::Verdict::Deny(compliance::Rule::kNone,
                                              "the playbook refused to start the conversation");
      out.lookup = started.status();
      out.ended = now;
      debtor_done();
      co_return out;
    }
    conversation::Conversation conv = std::move(started).value();
    ChannelSession session;
    session.account = account.id;
    session.person = in.debtor->id;
    session.channel = request.channel;
    session.voice = request.voice;
    session.contact_point = static_cast<int8_t>(request.contact_point);
    session.inbound = request.inbound;
    debtor_done();  // nothing below reads the debtor
    const uint64_t id = ports.channel->Open(session);
    std::vector<conversation::Step> steps = conv.steps();
    if (request.inbound) {
      // The debtor called us: the line is already connected, so the playbook starts answered
      // (opening disclosures, then who is calling) instead of dialling.
      StatusOr<std::vector<conversation::Step>> answered =
          conv.On(conversation::MakeIntent(conversation::Intent::kAnswered), now);
      RECOUP_CHECK_MSG(answered.ok(), "a call that has just started accepts kAnswered");
      steps = std::move(answered).value();
    }
    for (int exchange = 0; !conv.finished() && exchange < kMaxExchanges; ++exchange) {
      conversation::IntentEvent reply = co_await ports.channel->Perform(id, steps);
      StatusOr<std::vector<conversation::Step>> next = conv.On(reply, executor->Now());
      if (!next.ok()) {
        // An intent the playbook does not accept here: treat it as the line dropping.
        StatusOr<std::vector<conversation::Step>> dropped =
            conv.On(conversation::MakeIntent(conversation::Intent::kHangsUp), executor->Now());
        steps = dropped.ok() ? std::move(dropped).value() : std::vector<conversation::Step>{};
        break;
      }
      steps = std::move(next).value();
    }
    if (!steps.empty()) {
      // The closing steps (goodbye, transfer, voicemail message) take their time too.
      conversation::IntentEvent closing = co_await ports.channel->Perform(id, steps);
      (void)closing;
    }
    ports.channel->Close(id);
    StatusOr<conversation::ConversationResult> finished = conv.Finish(executor->Now());
    RECOUP_CHECK_MSG(finished.ok(), "Finish at Now() is never before the last event");
    result = std::move(finished).value();
    // Reg F counts calls the collector places: a call the consumer made is not one of them, but a
    // conversation in it still starts the 7-day wait (ledger outcome kConversation).
    result.contact_attempt.ledger_event.initiated_by_consumer = request.inbound;
  }

  // 4. Write back.
  const int attempts = in.max_write_attempts < 1 ? 1 : in.max_write_attempts;
  const conversation::ContactAttemptRecord& attempt_record = result.contact_attempt;
  OrgContactAttempt attempt;
  attempt.account = account.id;
  attempt.account_external_id = account.external_id;
  attempt.channel = attempt_record.channel;
  attempt.voice = attempt_record.voice;
  attempt.attempted_at = attempt_record.start;
  attempt.outcome = attempt_record.outcome;
  attempt.right_party_contact = attempt_record.right_party_contact;
  attempt.inbound = request.inbound;
  std::vector<Write> writes;
  writes.reserve(5);  // the attempt, a compliance record, an arrangement and its payment, a dispute
  writes.emplace_back();
  writes[0].kind = ApiCallKind::kContactAttempt;
  writes[0].attempt = attempt;
  if (IsAutomated(request)) {
    OrgComplianceRecord record;
    record.account = account.id;
    record.account_external_id = account.external_id;
    record.rule = "";
    record.result = "allow";
    record.reason = std::string(out.verdict.reason);
    record.checked_at = now;
    Write& w = writes.emplace_back();
    w.kind = ApiCallKind::kCompliance;
    w.compliance = std::move(record);
  }
  if (result.arrangement.has_value()) {
    const conversation::PaymentArrangementRecord& a = *result.arrangement;
    OrgArrangement arrangement;
    arrangement.account = account.id;
    arrangement.account_external_id = account.external_id;
    arrangement.amount = a.offer.total;
    arrangement.instalments = static_cast<int>(a.offer.schedule.size());
    if (!a.offer.schedule.empty()) arrangement.next_due_date = a.offer.schedule.front().due;
    arrangement.status = "Active";
    Write& w = writes.emplace_back();
    w.kind = ApiCallKind::kArrangement;
    w.arrangement = std::move(arrangement);
    if (a.payment == conversation::PaymentStatus::kCompleted) {
      OrgPayment payment = PaymentFor(account, a, result.contact_attempt.end);
      Write& pw = writes.emplace_back();
      pw.kind = ApiCallKind::kPayment;
      pw.payment = std::move(payment);
    }
  }
  if (result.dispute.has_value()) {
    OrgDispute dispute;
    dispute.account = account.id;
    dispute.account_external_id = account.external_id;
    dispute.reason = result.dispute->in_writing ? "Written dispute" : "Oral dispute";
    dispute.opened_at = result.dispute->at;
    dispute.status = "Open";
    Write& w = writes.emplace_back();
    w.kind = ApiCallKind::kDispute;
    w.dispute = std::move(dispute);
  }
  for (std::size_t i = 0; i < writes.size(); ++i) {
    const Write write = writes[i];
    ApiCall call = co_await Send(write, org, executor, attempts);
    if (call.code != StatusCode::kOk) ++out.failed_writes;
    out.api_calls.push_back(call);
  }
  out.result = std::move(result);
  out.ended = executor->Now();
  co_return out;
}

}  // namespace recoup::workflow
