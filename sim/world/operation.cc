#include "sim/world/operation.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/base/check.h"
#include "core/strategy/next_action.h"
#include "sim/world/operation_impl.h"
#include "sim/world/org_loading.h"

namespace recoup::sim::world {

// --- Operation -----------------------------------------------------------------------------------

Operation::Operation(std::unique_ptr<OperationImpl> impl) : impl_(std::move(impl)) {}
Operation::~Operation() = default;

StatusOr<std::unique_ptr<Operation>> Operation::Create(const WorldSpec& world,
                                                       const workflow::DecisionConfig& decisions,
                                                       const RunSpec& run, const Options& options,
                                                       recording::RunSink* sink) {
  RECOUP_CHECK(sink != nullptr);
  auto impl = std::make_unique<OperationImpl>(world, decisions, run, options, sink);
  if (Status s = impl->Init(); !s.ok()) return s;
  return std::unique_ptr<Operation>(new Operation(std::move(impl)));
}

Status Operation::Run(const std::function<void(const OperationProgress&)>& progress) {
  return impl_->Run(progress);
}
const Portfolio& Operation::portfolio() const { return impl_->portfolio(); }
int64_t Operation::accounts() const { return impl_->accounts(); }
uint64_t Operation::events() const { return impl_->events(); }

// --- Set-up --------------------------------------------------------------------------------------

OperationImpl::OperationImpl(const WorldSpec& world, const workflow::DecisionConfig& decisions,
                             const RunSpec& run, const Operation::Options& options,
                             recording::RunSink* sink)
    : world_(world),
      decisions_(decisions),
      run_(run),
      options_(options),
      sink_(sink),
      engine_(decisions.compliance),
      streams_(options.seed) {}

Timestamp OperationImpl::LocalToUtc(const cctz::time_zone& tz, domain::LocalDate day,
                                    int minute) const {
  const cctz::civil_second cs(day.year(), day.month(), day.day(), minute / 60, minute % 60, 0);
  const auto tp = cctz::convert(cs, tz);
  return Timestamp::FromUnixSeconds(tp.time_since_epoch().count());
}

cctz::time_point<cctz::seconds> ToTimePoint(Timestamp t) {
  // Built from simulated time: no clock is read.
  using Point = cctz::time_point<cctz::seconds>;
  return Point(cctz::seconds(t.unix_nanos() / 1'000'000'000));
}

domain::LocalDate OperationImpl::Today() const {
  return domain::LocalDate(cctz::convert(ToTimePoint(kernel_->Now()), op_zone_));
}

int OperationImpl::DayIndex(Timestamp t) const {
  return static_cast<int>((t - start_).nanos() / Duration::Days(1).nanos());
}

const cctz::time_zone& OperationImpl::DebtorZone(uint32_t i) const {
  const uint8_t region = state_[i].region;
  return region < region_zones_.size() ? region_zones_[region] : op_zone_;
}

void OperationImpl::Prefetch(uint32_t i) const {
  __builtin_prefetch(&state_[i]);
  const char* account = reinterpret_cast<const char*>(&portfolio_.accounts[i]);
  __builtin_prefetch(account);
  __builtin_prefetch(account + 64);  // the balance, the delinquency and the arrangement
  __builtin_prefetch(&histories_[i]);
  portfolio_.debtors.Prefetch(i);
}

const domain::Debtor& OperationImpl::DebtorOf(uint32_t i) const {
  if (state_[i].pinned) return pinned_.at(i).debtor->debtor;
  if (scratch_index_ != i) {
    portfolio_.debtors.Read(i, &scratch_);
    scratch_index_ = i;
  }
  return scratch_.debtor;
}

domain::Debtor& OperationImpl::MutableDebtor(uint32_t i) {
  return const_cast<domain::Debtor&>(DebtorOf(i));  // the scratch or a pinned copy: ours
}

void OperationImpl::CommitDebtor(uint32_t i, const domain::Debtor& edited) {
  RECOUP_CHECK(&edited == &DebtorOf(i));
  portfolio_.debtors.Write(i, edited);
  if (state_[i].pinned) {
    pinned_.at(i).debtor->Forget();
    // The scratch, if it holds debtor i, is now behind the pinned copy.
    if (scratch_index_ == i) scratch_index_ = kNoDebtor;
  } else {
    scratch_.Forget();
  }
}

const domain::Debtor* OperationImpl::PinDebtor(uint32_t i) {
  PinnedDebtor& p = pinned_[i];
  if (p.pins++ == 0) {
    if (spare_debtors_.empty()) {
      p.debtor = std::make_unique<DebtorStore::Expanded>();
    } else {
      p.debtor = std::move(spare_debtors_.back());
      spare_debtors_.pop_back();
    }
    if (scratch_index_ == i) {
      // Usually so: the contact was just checked against the scratch. Hand its buffers over
      // instead of expanding the debtor again.
      std::swap(*p.debtor, scratch_);
      scratch_index_ = kNoDebtor;
    } else {
      portfolio_.debtors.Read(i, p.debtor.get());
    }
    state_[i].pinned = true;
  }
  return &p.debtor->debtor;
}

void OperationImpl::UnpinDebtor(uint32_t i) {
  const auto pinned = pinned_.find(i);
  RECOUP_CHECK(pinned != pinned_.end());
  if (--pinned->second.pins > 0) return;
  spare_debtors_.push_back(std::move(pinned->second.debtor));
  pinned_.erase(pinned);
  state_[i].pinned = false;
}

Status OperationImpl::Init() {
  if (Status s = ValidateWorldSpec(world_); !s.ok()) return s;
  StatusOr<workflow::Planner> planner = workflow::Planner::Create(decisions_);
  if (!planner.ok()) return planner.status();
  planner_ = std::make_unique<workflow::Planner>(std::move(planner).value());
  horizon_days_ = options_.horizon_days > 0 ? options_.horizon_days : run_.horizon_days;
  if (horizon_days_ < 1) return InvalidArgumentError("run.horizon_days: must be >= 1");
  if (!cctz::load_time_zone(world_.staffing.operation_time_zone, &op_zone_)) {
    return InvalidArgumentError("staffing.operation_time_zone: unknown IANA zone '" +
                                world_.staffing.operation_time_zone + "'");
  }
  for (const RegionSpec& r : world_.portfolio.regions) {
    cctz::time_zone tz;
    if (!cctz::load_time_zone(r.time_zone, &tz)) {
      return InvalidArgumentError("portfolio.regions: unknown IANA zone '" + r.time_zone + "'");
    }
    region_zones_.push_back(tz);
  }
  start_ = LocalToUtc(op_zone_, run_.start_date, 0);
  kernel_ = std::make_unique<Kernel>(start_);

  StatusOr<std::unique_ptr<org::events::ApiLimits>> limits =
      org::events::ApiLimits::Create(world_.org.limits);
  if (!limits.ok()) return limits.status();
  limits_ = std::move(limits).value();
  org::OrgConfig org_config;
  StatusOr<std::unique_ptr<org::Org>> org = org::Org::Create(org_config, limits_.get());
  if (!org.ok()) return org.status();
  org_ = std::move(org).value();
  if (!world_.org.retain_activity) {  // written, never read back: validated and counted only
    Status s = adapters::SetActivityRetention(*org_, org::Retention::kCountOnly);
    if (!s.ok()) return s;
  }
  adapters::SimOrgPortConfig port_config;
  port_config.latency = world_.org.latency;
  port_config.faults = world_.org.faults;
  port_config.seed = options_.seed;
  StatusOr<std::unique_ptr<adapters::SimOrgPort>> port =
      adapters::SimOrgPort::Create(*kernel_, *org_, port_config, limits_.get());
  if (!port.ok()) return port.status();
  org_port_ = std::move(port).value();

  // Placed at start_ (midnight of run.start_date in the operation's zone).
  StatusOr<Portfolio> portfolio = GenerateRunPortfolio(world_, run_.start_date, horizon_days_,
                                                       options_.accounts, options_.seed);
  if (!portfolio.ok()) return portfolio.status();
  portfolio_ = std::move(portfolio).value();
  if (Status s = LoadPortfolioIntoOrg(portfolio_, *org_); !s.ok()) return s;

  const std::size_t n = portfolio_.accounts.size();
  histories_.resize(n);
  state_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    histories_[i].person = portfolio_.debtors.IdOf(i);
    AccountState& st = state_[i];
    const domain::Account& a = portfolio_.accounts[i];
    st.placed = a.balance.Total();
    st.stage_entered = strategy::EstimatedStageEntry(a, start_);
    st.last_stage = static_cast<uint8_t>(a.stage());
    st.region = portfolio_.traits[i].region;
    st.arm = static_cast<int8_t>(options_.forced_arm);
  }
  StatusOr<DebtorModel> model =
      DebtorModel::Create(world_.behaviour, world_.channels, options_.seed, portfolio_);
  if (!model.ok()) return model.status();
  model_ = std::make_unique<DebtorModel>(std::move(model).value());
  channel_ = std::make_unique<adapters::SimChannelPort>(*model_, *kernel_, options_.seed);
  ai_free_ = world_.staffing.ai_lines;

  // The first plan of every account, the written requests and self-cures that fall inside the
  // horizon, the day ends and the shift changes.
  const Timestamp end = LocalToUtc(op_zone_, run_.start_date + horizon_days_, 0);
  for (uint32_t i = 0; i < n; ++i) {
    kernel_->CallAt(start_, [this, i] { Replan(i); });
    const DebtorTraits& t = portfolio_.traits[i];
    if (t.self_cure < end) kernel_->CallAt(t.self_cure, [this, i] { OnSelfCure(i); });
    if (t.written_dispute < end) {
      kernel_->CallAt(t.written_dispute, [this, i] {
        OnWrittenRequest(i, static_cast<uint8_t>(conversation::Flag::kAccountDisputeOpen));
      });
    }
    if (t.written_cease < end) {
      kernel_->CallAt(t.written_cease, [this, i] {
        OnWrittenRequest(i, static_cast<uint8_t>(conversation::Flag::kAccountWrittenCease));
      });
    }
    if (t.bankruptcy < end) {
      kernel_->CallAt(t.bankruptcy, [this, i] { OnWrittenRequest(i, recording::kFlagBankruptcy); });
    }
  }
  for (int d = 0; d < horizon_days_; ++d) {
    const domain::LocalDate day = run_.start_date + d;
    for (const AgentGroupSpec& g : world_.staffing.agents) {
      kernel_->CallAt(LocalToUtc(op_zone_, day, g.shift_start_minute), [this] { OnShiftChange(); });
      kernel_->CallAt(LocalToUtc(op_zone_, day, g.shift_end_minute), [this] { OnShiftChange(); });
    }
    kernel_->CallAt(LocalToUtc(op_zone_, day + 1, 0), [this] { OnDayEnd(); });
  }
  day_.date = run_.start_date;
  day_.arm = static_cast<int8_t>(options_.forced_arm);
  for (const AccountState& st : state_) day_.placed += st.placed;
  return OkStatus();
}

// --- Staffing ------------------------------------------------------------------------------------

bool OperationImpl::InShift(const AgentGroupSpec& g, Timestamp t) const {
  const cctz::civil_second local = cctz::convert(ToTimePoint(t), op_zone_);
  const int weekday = static_cast<int>(cctz::get_weekday(cctz::civil_day(local)));  // Monday = 0
  if (((g.weekdays >> weekday) & 1U) == 0) return false;
  if (calendar_.IsHoliday(domain::LocalDate(local))) return false;
  const int minute = local.hour() * 60 + local.minute();
  return g.shift_start_minute <= minute && minute < g.shift_end_minute;
}

bool OperationImpl::AfterHours(Timestamp t) const {
  for (const AgentGroupSpec& g : world_.staffing.agents) {
    if (g.count > 0 && InShift(g, t)) return false;
  }
  return true;
}

bool OperationImpl::AgentsEverWork(bool escalations) const {
  for (const AgentGroupSpec& g : world_.staffing.agents) {
    if (g.count > 0 && g.weekdays != 0 && g.shift_end_minute > g.shift_start_minute &&
        (!escalations || g.escalations)) {
      return true;
    }
  }
  return false;
}

void OperationImpl::OnShiftChange() {
  const Timestamp now = kernel_->Now();
  int on_shift = 0;
  int escalations = 0;
  for (const AgentGroupSpec& g : world_.staffing.agents) {
    if (!InShift(g, now)) continue;
    on_shift += g.count;
    if (g.escalations) escalations += g.count;
  }
  human_on_shift_ = on_shift;
  escalation_agents_on_shift_ = escalations;
  Dispatch();
}

// --- Days ----------------------------------------------------------------------------------------

void OperationImpl::OnDayEnd() {
  const Timestamp now = kernel_->Now();
  recording::DaySnapshot& d = day_;
  // One pass over the accounts (at 1 M accounts, each pass reads several hundred MB):
  // aging, then the snapshot. Aging: open accounts without an arrangement in good standing get a
  // day older.
  for (uint32_t i = 0; i < state_.size(); ++i) {
    AccountState& st = state_[i];
    domain::Account& a = portfolio_.accounts[i];
    if (st.status == AccountStatus::kOpen && !a.arrangement.active) {
      if (a.days_past_due > 0 || a.balance.Total() > Money()) ++a.days_past_due;
      if (!a.charged_off &&
          a.days_past_due >= static_cast<int>(world_.behaviour.roll_to_charge_off_dpd)) {
        a.charged_off = true;
        d.charged_off += a.balance.Total();
      }
      const uint8_t stage = static_cast<uint8_t>(a.stage());
      if (stage != st.last_stage) {
        if (stage > st.last_stage) ++d.rolled_in[stage];
        st.last_stage = stage;
        st.stage_entered = now;
        if (!st.queued) Replan(i);
      }
    }
    // The snapshot.
    if (st.status != AccountStatus::kOpen && st.status != AccountStatus::kOnPlan) continue;
    const Money balance = a.balance.Total();
    ++d.accounts;
    d.receivables += balance;
    if (a.days_past_due == 0 || (a.arrangement.active && a.arrangement.missed == 0)) {
      d.current_receivables += balance;
    }
    const auto stage = static_cast<std::size_t>(a.stage());
    ++d.bucket_accounts[stage];
    d.bucket_balance[stage] += balance;
  }
  double staffed = 0;
  for (const AgentGroupSpec& g : world_.staffing.agents) {
    const cctz::civil_day day(d.date.year(), d.date.month(), d.date.day());
    const int weekday = static_cast<int>(cctz::get_weekday(day));
    if (((g.weekdays >> weekday) & 1U) == 0 || calendar_.IsHoliday(day)) continue;
    staffed += static_cast<double>(g.count) * (g.shift_end_minute - g.shift_start_minute) * 60.0;
  }
  d.human_staffed_s = staffed;
  d.human_busy_s = human_busy_s_;
  d.ai_line_s = static_cast<double>(world_.staffing.ai_lines) * 86400.0;
  d.ai_busy_s = ai_busy_s_;
  sink_->OnDay(d);
  // The next day.
  const domain::LocalDate next = d.date + 1;
  d = recording::DaySnapshot();
  d.date = next;
  d.arm = static_cast<int8_t>(options_.forced_arm);
  human_busy_s_ = 0;
  ai_busy_s_ = 0;
  for (int64_t& sent : sent_today_) sent = 0;
  ++day_index_;
  Dispatch();
}

void OperationImpl::EmitOutcomes() {
  for (uint32_t i = 0; i < state_.size(); ++i) {
    const AccountState& st = state_[i];
    const domain::Account& a = portfolio_.accounts[i];
    // Promises still pending at the end of the horizon.
    for (const domain::PromiseToPay& p : a.promises) {
      if (p.state != domain::PromiseToPay::State::kPending) continue;
      recording::PromiseRow row;
      row.account = a.id;
      row.arm = st.arm;
      row.taken = p.taken;
      row.due = p.due;
      row.amount = p.amount;
      row.state = recording::PromiseRow::State::kOpen;
      sink_->OnPromise(row);
    }
    recording::AccountOutcomeRow row;
    row.account = a.id;
    row.arm = st.arm;
    row.strategy = st.strategy;
    row.segment = st.segment;
    row.product = static_cast<uint8_t>(a.product);
    row.final_stage = static_cast<uint8_t>(a.stage());
    row.placed = st.placed;
    row.collected = st.collected;
    row.balance = a.balance.Total();
    row.contacts = st.contacts;
    row.right_party_contacts = st.rpcs;
    row.state = static_cast<recording::AccountOutcomeRow::State>(st.status);
    if (st.status == AccountStatus::kOpen && a.charged_off) {
      row.state = recording::AccountOutcomeRow::State::kChargedOff;
    }
    row.resolved_day = st.resolved_day;
    row.escalated = st.escalated;
    sink_->OnAccountOutcome(row);
  }
}

Status OperationImpl::Run(const std::function<void(const OperationProgress&)>& progress) {
  OperationProgress p;
  p.days = horizon_days_;
  OnShiftChange();
  for (int d = 0; d < horizon_days_ && failure_.ok(); ++d) {
    kernel_->RunUntil(LocalToUtc(op_zone_, run_.start_date + (d + 1), 0));
    p.day = d + 1;
    p.events = kernel_->events_processed();
    p.contacts = contacts_;
    if (progress) progress(p);
  }
  // Contacts still running at the end are cut off with the horizon.
  kernel_->Shutdown();
  if (!failure_.ok()) return failure_;
  EndOpenCallbacks();
  EmitOutcomes();
  return OkStatus();
}

}  // namespace recoup::sim::world
