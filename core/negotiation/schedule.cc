// BuildSchedule: instalment amounts (Money::SplitEvenly) and their business-day due dates.

#include <string>
#include <vector>

#include "core/negotiation/negotiation.h"

namespace recoup::negotiation {
namespace {

// The nominal (unadjusted) due date of instalment `index` (0-based) of a plan starting on `first`,
// or false for a frequency outside the enum. Monthly dates are counted from `first` itself, so a
// plan starting on the 31st returns to the 31st in months that have one.
bool NominalDate(domain::LocalDate first, int index, Frequency frequency, domain::LocalDate* out) {
  switch (frequency) {
    case Frequency::kWeekly:
      *out = first + 7 * index;
      return true;
    case Frequency::kBiweekly:
      *out = first + 14 * index;
      return true;
    case Frequency::kMonthly:
      *out = domain::AddMonths(first, index);
      return true;
  }
  return false;
}

}  // namespace

StatusOr<std::vector<domain::Instalment>> BuildSchedule(Money total, int count, Frequency frequency,
                                                        domain::LocalDate first_due,
                                                        const domain::HolidayCalendar& calendar) {
  if (total.minor_units() <= 0) {
    return InvalidArgumentError("BuildSchedule: total must be > 0, got " + total.ToString());
  }
  if (count < 1 || count > kMaxScheduleInstalments) {
    return InvalidArgumentError("BuildSchedule: count must be in [1, " +
                                std::to_string(kMaxScheduleInstalments) + "], got " +
                                std::to_string(count));
  }
  if (count > total.minor_units()) {
    return InvalidArgumentError("BuildSchedule: " + total.ToString() + " cannot be split into " +
                                std::to_string(count) +
                                " instalments of at least one minor unit each");
  }
  const std::vector<Money> amounts = total.SplitEvenly(count);
  std::vector<domain::Instalment> schedule;
  schedule.reserve(amounts.size());
  for (int i = 0; i < count; ++i) {
    domain::LocalDate nominal;
    if (!NominalDate(first_due, i, frequency, &nominal)) {
      return InvalidArgumentError("BuildSchedule: unknown frequency " +
                                  std::to_string(static_cast<int>(frequency)));
    }
    domain::LocalDate due = calendar.OnOrAfter(nominal);
    // Keep the dates strictly increasing even when a run of closed days pushes this date onto or
    // past the previous one.
    if (!schedule.empty() && due <= schedule.back().due) {
      due = calendar.OnOrAfter(schedule.back().due + 1);
    }
    domain::Instalment instalment;
    instalment.due = due;
    instalment.amount = amounts[static_cast<size_t>(i)];
    schedule.push_back(instalment);
  }
  return schedule;
}

}  // namespace recoup::negotiation
