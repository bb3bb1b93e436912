// Operation: arrangements and promises, instalments and payments, self-cure, written requests.
#include <algorithm>
#include <cmath>

#include "core/base/check.h"
#include "sim/random/distributions.h"
#include "sim/world/operation_impl.h"

namespace recoup::sim::world {
namespace {

// The hour (debtor's local time) at which a due instalment is taken.
constexpr int kPaymentMinute = 12 * 60;
// Draws per escalation in the agent stream; payment attempts per instalment (the first and one
// retry).
constexpr uint64_t kDrawsPerAttempt = 8;
constexpr uint64_t kMaxAttempts = 2;

// The channel of a promise taken where its payments come from (an inbound call is a call).
domain::Channel ChannelOf(recording::PaymentRow::Source s) {
  switch (s) {
    case recording::PaymentRow::Source::kSms:
      return domain::Channel::kSms;
    case recording::PaymentRow::Source::kEmail:
      return domain::Channel::kEmail;
    case recording::PaymentRow::Source::kLetter:
      return domain::Channel::kLetter;
    case recording::PaymentRow::Source::kWhatsApp:
      return domain::Channel::kWhatsApp;
    case recording::PaymentRow::Source::kCall:
    case recording::PaymentRow::Source::kInbound:
    case recording::PaymentRow::Source::kSelfCure:
      break;
  }
  return domain::Channel::kCall;
}

Money FeeFor(const CostSpec& cost, Money amount, bool card) {
  if (!card) return Money::FromMinorUnits(static_cast<int64_t>(cost.ach_fee * 100.0 + 0.5));
  return Money::FromMinorUnits(
      static_cast<int64_t>(static_cast<double>(amount.minor_units()) * cost.card_fee_rate + 0.5));
}

}  // namespace

HumanOutcome OperationImpl::HumanHandling(const Escalation& e) const {
  const uint32_t i = e.account;
  RandomStream s = streams_.Family("agent.escalation").For(portfolio_.accounts[i].id);
  s.Seek(static_cast<uint64_t>(state_[i].escalations) * kDrawsPerAttempt);
  const HandleTimes& h = world_.channels.human;
  HumanOutcome out;
  double agree = model_->AgreeProbability(portfolio_.accounts[i].id, kernel_->Now());
  switch (static_cast<conversation::Handoff>(e.reason)) {
    case conversation::Handoff::kHardship:
      out.handle_time = SampleDuration(h.hardship, s);
      agree *= 0.5;
      break;
    case conversation::Handoff::kDispute:
      out.handle_time = SampleDuration(h.dispute, s);
      agree = 0;  // collection of a disputed debt stops until it is verified
      break;
    default:
      out.handle_time = SampleDuration(h.arrangement, s);
      break;
  }
  out.handle_time += SampleDuration(h.after_call_work, s);
  out.arrangement = Bernoulli(s, std::clamp(agree, 0.0, 1.0));
  return out;
}

void OperationImpl::TakeArrangement(uint32_t i, const conversation::PaymentArrangementRecord& a,
                                    recording::PaymentRow::Source source, recording::Agent agent,
                                    bool paid_now) {
  if (a.offer.schedule.empty()) return;
  AccountState& st = state_[i];
  domain::Account& account = portfolio_.accounts[i];
  const Timestamp now = kernel_->Now();
  account.arrangement.total = a.offer.total;
  account.arrangement.settled_balance = account.balance.Total();
  account.arrangement.instalments = a.offer.schedule;
  account.arrangement.fees_waived = a.offer.fees_waived;
  account.arrangement.active = true;
  account.arrangement.missed = 0;
  domain::PromiseToPay promise;
  promise.amount = a.offer.schedule.front().amount;
  promise.due = a.offer.schedule.front().due;
  promise.taken = now;
  account.promises.push_back(promise);
  st.promise_source = source;
  st.promise_agent = agent;
  st.next_instalment = 0;
  if (st.resolved_day < 0) {
    st.resolved_day = DayIndex(now);
    ++day_.resolved;
  }
  ++st.plan_epoch;  // the plan drives the account now
  if (paid_now) {
    const bool card = a.method == conversation::PaymentMethod::kKeypad;
    Pay(i, promise.amount, source, agent, card, FeeFor(world_.channels.cost, promise.amount, card),
        /*write=*/false);
    ResolvePromise(i, recording::PromiseRow::State::kKept, promise.amount);
    st.next_instalment = 1;
  }
  ScheduleInstalment(i);
}

void OperationImpl::ScheduleInstalment(uint32_t i) {
  const AccountState& st = state_[i];
  const domain::Account& account = portfolio_.accounts[i];
  if (!account.arrangement.active) return;
  const auto k = static_cast<std::size_t>(st.next_instalment);
  if (k >= account.arrangement.instalments.size()) {
    // Every instalment paid: the arrangement resolves the balance (a settlement writes off the
    // discount).
    CloseAccount(i, account.arrangement.total < account.arrangement.settled_balance
                        ? AccountStatus::kSettled
                        : AccountStatus::kPaid);
    return;
  }
  const Timestamp due =
      std::max(kernel_->Now(),
               LocalToUtc(DebtorZone(i), account.arrangement.instalments[k].due, kPaymentMinute));
  const int32_t instalment = st.next_instalment;
  kernel_->CallAt(due, [this, i, instalment] { OnInstalmentDue(i, instalment, 0); });
}

void OperationImpl::OnInstalmentDue(uint32_t i, int32_t instalment, int attempt) {
  AccountState& st = state_[i];
  domain::Account& account = portfolio_.accounts[i];
  if (!account.arrangement.active || st.next_instalment != instalment) return;
  // Draw numbers: instalment k of the account's m-th arrangement is promise / payment m * 128 + k.
  const auto k = static_cast<uint32_t>((account.promises.size() - 1) * 128 +
                                       static_cast<std::size_t>(instalment));
  const PromiseDraw promise = model_->Promise(account.id, k);
  const PaymentDraw payment = model_->Payment(account.id, k, static_cast<uint32_t>(attempt));
  const Money due = account.arrangement.instalments[static_cast<std::size_t>(instalment)].amount;
  const bool first = instalment == 0;
  const auto broken = [&] {
    ++account.arrangement.missed;
    account.arrangement.active = false;
    ++account.broken_promises;
    if (first) ResolvePromise(i, recording::PromiseRow::State::kBroken, Money());
    st.signals = {};
    Replan(i);
  };
  if (attempt == 0 && promise.fate == PromiseDraw::Fate::kBroken) {
    broken();
    return;
  }
  Money amount = due;
  if (promise.fate == PromiseDraw::Fate::kPartial) {
    amount = Money::FromMinorUnits(std::max<int64_t>(
        1, static_cast<int64_t>(static_cast<double>(due.minor_units()) * promise.paid_fraction)));
  }
  if (payment.fails) {
    recording::PaymentRow row;
    row.account = account.id;
    row.arm = st.arm;
    row.time = kernel_->Now();
    row.amount = amount;
    row.card = payment.card;
    row.after_charge_off = account.charged_off;
    row.status = payment.card ? recording::PaymentRow::Status::kDeclined
                              : recording::PaymentRow::Status::kReturned;
    row.source = st.promise_source;
    row.agent = st.promise_agent;
    sink_->OnPayment(row);
    if (attempt + 1 < static_cast<int>(kMaxAttempts)) {
      const Timestamp retry = kernel_->Now() + payment.failure_after +
                              Duration::Days(world_.behaviour.retry_after_days);
      kernel_->CallAt(
          retry, [this, i, instalment, attempt] { OnInstalmentDue(i, instalment, attempt + 1); });
    } else {
      broken();
    }
    return;
  }
  Pay(i, amount, st.promise_source, st.promise_agent, payment.card,
      FeeFor(world_.channels.cost, amount, payment.card), /*write=*/true);
  if (first) {
    ResolvePromise(i,
                   promise.fate == PromiseDraw::Fate::kPartial
                       ? recording::PromiseRow::State::kPartial
                       : recording::PromiseRow::State::kKept,
                   amount);
  }
  if (st.status != AccountStatus::kOpen) return;
  account.broken_promises = 0;
  ++st.next_instalment;
  ScheduleInstalment(i);
}

void OperationImpl::Pay(uint32_t i, Money amount, recording::PaymentRow::Source source,
                        recording::Agent agent, bool card, Money fee, bool write) {
  AccountState& st = state_[i];
  domain::Account& account = portfolio_.accounts[i];
  const Timestamp now = kernel_->Now();
  // Fees, then interest, then principal.
  Money left = amount;
  for (Money* part :
       {&account.balance.fees, &account.balance.interest, &account.balance.principal}) {
    const Money take = std::min(left, *part);
    *part -= take;
    left -= take;
  }
  account.payments.push_back(domain::Payment{now, amount});
  account.last_payment = now;
  st.collected += amount;
  ++st.payments;
  recording::PaymentRow row;
  row.account = account.id;
  row.arm = st.arm;
  row.time = now;
  row.amount = amount;
  row.fee = fee;
  row.card = card;
  row.status = recording::PaymentRow::Status::kSettled;
  row.after_charge_off = account.charged_off;
  row.source = source;
  row.agent = agent;
  sink_->OnPayment(row);
  if (write) {
    OrgPayment p;
    p.account = account.id;
    p.account_external_id = account.external_id;
    p.external_id = account.external_id + "-" + std::to_string(st.payments);
    p.amount = amount;
    p.paid_at = now;
    p.method = card ? "Card" : "ACH";
    p.status = "Settled";
    kernel_->Spawn(PaymentWrite(std::move(p)));
  }
  if (account.balance.Total() <= Money()) {
    account.days_past_due = 0;
    ++day_.cured;
    if (!st.touched) ++day_.self_cured;
    CloseAccount(i, AccountStatus::kPaid);
  }
}

void OperationImpl::ResolvePromise(uint32_t i, recording::PromiseRow::State state, Money paid) {
  AccountState& st = state_[i];
  domain::Account& account = portfolio_.accounts[i];
  for (auto it = account.promises.rbegin(); it != account.promises.rend(); ++it) {
    if (it->state != domain::PromiseToPay::State::kPending) continue;
    it->state = state == recording::PromiseRow::State::kKept ? domain::PromiseToPay::State::kKept
                : state == recording::PromiseRow::State::kPartial
                    ? domain::PromiseToPay::State::kPartial
                    : domain::PromiseToPay::State::kBroken;
    recording::PromiseRow row;
    row.account = account.id;
    row.arm = st.arm;
    row.taken = it->taken;
    row.due = it->due;
    row.amount = it->amount;
    row.paid = paid;
    row.state = state;
    row.channel = ChannelOf(st.promise_source);
    row.agent = st.promise_agent;
    sink_->OnPromise(row);
    return;
  }
}

void OperationImpl::OnSelfCure(uint32_t i) {
  AccountState& st = state_[i];
  const domain::Account& account = portfolio_.accounts[i];
  if (st.status != AccountStatus::kOpen || account.arrangement.active || account.charged_off)
    return;
  const bool card = model_->Payment(account.id, 1u << 30, 0).card;
  const Money amount = account.balance.Total();
  Pay(i, amount, recording::PaymentRow::Source::kSelfCure, recording::Agent::kNone, card,
      FeeFor(world_.channels.cost, amount, card), /*write=*/true);
}

void OperationImpl::OnWrittenRequest(uint32_t i, uint8_t flag) {
  AccountState& st = state_[i];
  domain::Account& account = portfolio_.accounts[i];
  if (st.status != AccountStatus::kOpen) return;
  const Timestamp now = kernel_->Now();
  if (flag == recording::kFlagBankruptcy) {
    domain::Debtor& debtor = MutableDebtor(i);
    debtor.bankruptcy = true;
    CommitDebtor(i, debtor);
  } else if (flag == static_cast<uint8_t>(conversation::Flag::kAccountWrittenCease)) {
    account.written_cease = std::min(account.written_cease, now);
  } else if (flag == static_cast<uint8_t>(conversation::Flag::kAccountDisputeOpen)) {
    account.dispute = domain::DisputeStatus::kOpen;
  }
  recording::FlagRow row;
  row.account = account.id;
  row.person = portfolio_.debtors.IdOf(i);
  row.time = now;
  row.flag = flag;
  sink_->OnFlag(row);
  if (flag == recording::kFlagBankruptcy) CloseAccount(i, AccountStatus::kClosed);
}

void OperationImpl::CloseAccount(uint32_t i, AccountStatus status) {
  AccountState& st = state_[i];
  domain::Account& account = portfolio_.accounts[i];
  st.status = status;
  ++st.plan_epoch;
  account.arrangement.active = false;
  if (status == AccountStatus::kSettled) {
    account.balance = domain::Balance{};
  }
  if ((status == AccountStatus::kPaid || status == AccountStatus::kSettled) &&
      st.resolved_day < 0) {
    st.resolved_day = DayIndex(kernel_->Now());
    ++day_.resolved;
  }
}

}  // namespace recoup::sim::world
