// The synthetic portfolio: accounts, their debtors as the core sees them, and each debtor's hidden
// truth (DebtorTraits) that only the simulated world knows.
//
// GeneratePortfolio draws every value of account k from keyed random streams with entity id k
// (sim/random/random_streams.h), so account k is the same whatever the portfolio's size, the order
// of generation or the other accounts: a 1,000-account run's accounts are the first 1,000 of a
// 1,000,000-account run with the same seed. docs/world.md lists the streams and what each draws.
//
// Memory: the benchmark holds 10 M accounts, so everything here is kept small (measured by
// PortfolioTest.MemoryPerAccount; docs/world.md "Memory"): accounts are domain::Accounts whose
// strings fit the standard library's short-string buffer, debtors are packed (debtor_store.h,
// some 70 bytes each) and expanded when the core needs one, and the traits are 48 bytes.
#ifndef RECOUP_SIM_WORLD_PORTFOLIO_H_
#define RECOUP_SIM_WORLD_PORTFOLIO_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/statusor.h"
#include "core/base/time.h"
#include "core/domain/account.h"
#include "core/domain/debtor.h"
#include "sim/world/debtor_store.h"
#include "sim/world/world_config.h"

namespace recoup::sim::world {

// What the simulated debtor of one account really is and will do, unknown to the core. Times are
// UTC; InfiniteFuture means "never within the horizon".
struct DebtorTraits {
  // Written requests arriving by mail during the horizon (P15, P16) and a bankruptcy filing (P19).
  Timestamp written_dispute = Timestamp::InfiniteFuture();
  Timestamp written_cease = Timestamp::InfiniteFuture();
  Timestamp bankruptcy = Timestamp::InfiniteFuture();
  // When the debtor would pay the balance in full unprompted (P13), if nothing else happened
  // first; only within the early stage and the horizon.
  Timestamp self_cure = Timestamp::InfiniteFuture();
  // Propensity to pay at 0 days past due, in (0, 1): Beta(mean * c, (1 - mean) * c) (P20 decays
  // it with the debt's age; DebtorModel::Propensity).
  float propensity = 0.5f;
  // Multiplies the answer probability of every call (lognormal, mean 1;
  // BehaviourSpec::answer_sigma).
  float answer_multiplier = 1.0f;
  // Bit i set: Debtor::phones[i] never connects (not in service) / belongs to someone else.
  uint8_t phones_not_in_service = 0;
  uint8_t phones_wrong_number = 0;
  // Index into PortfolioSpec::regions of where the debtor really lives (also when the address has
  // no geocoded zone): its time zone is the debtor's local time.
  uint8_t region = 0;
  // Index into PortfolioSpec::products of the account's product line.
  uint8_t product = 0;

  bool PhoneNotInService(int i) const {
    return i >= 0 && i < 8 && (phones_not_in_service >> i) & 1;
  }
  bool PhoneWrongNumber(int i) const { return i >= 0 && i < 8 && (phones_wrong_number >> i) & 1; }
};

// One debtor per account: accounts[i], debtors.Get(i) and traits[i] belong together, and
// accounts[i].id == accounts[i].debtor == debtors.IdOf(i) == i + 1.
struct Portfolio {
  std::vector<domain::Account> accounts;
  DebtorStore debtors;
  std::vector<DebtorTraits> traits;
  Timestamp start;  // placement: every account is placed (and its validation notice sent) then
  int horizon_days = 0;
  // PortfolioSpec::regions[i].time_zone, for DebtorTraits::region.
  std::vector<std::string> region_time_zones;

  size_t size() const { return accounts.size(); }
  // The index of account `id` (id - 1), or size() when there is none.
  size_t IndexOf(domain::AccountId id) const {
    return id >= 1 && id <= accounts.size() ? static_cast<size_t>(id - 1) : accounts.size();
  }
};

// The external id of account `id`: "ACC-" and at least 7 digits ("ACC-0000001").
std::string AccountExternalId(domain::AccountId id);

// Generates spec.accounts accounts placed at `start`, with draws for `horizon_days` (>= 1) days.
// InvalidArgument when `portfolio` or `behaviour` fails ValidateWorldSpec's checks (the message
// names the field), when horizon_days < 1, or when there are more than 255 products or regions.
//
// Per account k (ids 1..N), each from its own stream "portfolio.<what>" / "debtor.<what>":
//  - product by weight; total balance lognormal(median, sigma) in whole cents, of which
//    fees_share and interest_share are fees and interest, the rest principal; days past due
//    uniform in [min, max]; charged off at >= roll_to_charge_off_dpd;
//  - region by weight: country, region, postal code (uniform from the list), time zone when
//    address_zone_known;
//  - phones (up to 2): mobile or landline, area code from the region (or another region with
//    area_code_elsewhere), consents given when the credit was opened, a clean reassigned-number
//    check at placement, hidden not-in-service / wrong-number truth;
//  - an email with provenance (consumer-used, or a creditor notice past its opt-out deadline);
//  - flags at placement (account- and person-level; breathing space and capacity only for GB);
//  - the validation notice sent at `start` when validation_notice_at_placement;
//  - traits: propensity, answer multiplier, written requests, bankruptcy, self-cure.
StatusOr<Portfolio> GeneratePortfolio(const PortfolioSpec& portfolio,
                                      const BehaviourSpec& behaviour, uint64_t seed,
                                      Timestamp start, int horizon_days);

// The portfolio a run of a scenario places: `world.portfolio` (with `accounts` accounts when > 0)
// generated for `seed` at midnight of `start_date` in staffing.operation_time_zone, with
// `horizon_days` of draws. Operation::Create and `recoup org serve --scenario` both place it so.
// InvalidArgument naming staffing.operation_time_zone for an unknown zone, else as
// GeneratePortfolio.
StatusOr<Portfolio> GenerateRunPortfolio(const WorldSpec& world, domain::LocalDate start_date,
                                         int horizon_days, int64_t accounts, uint64_t seed);

// Bytes a portfolio occupies: the accounts' and traits' vectors' capacity plus every heap block the
// accounts' strings and vectors own (counted as allocated capacity, without allocator overhead),
// and the debtor store's DebtorStore::ApproximateBytes.
size_t ApproximateBytes(const Portfolio& portfolio);

}  // namespace recoup::sim::world

#endif  // RECOUP_SIM_WORLD_PORTFOLIO_H_
