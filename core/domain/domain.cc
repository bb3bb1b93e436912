#include <algorithm>

#include "core/domain/account.h"
#include "core/domain/contact.h"

namespace recoup::domain {

std::string_view ChannelName(Channel c) {
  switch (c) {
    case Channel::kCall: return "call";
    case Channel::kSms: return "sms";
    case Channel::kEmail: return "email";
    case Channel::kLetter: return "letter";
    case Channel::kWhatsApp: return "whatsapp";
  }
  return "unknown";
}

std::string_view ProductName(Product p) {
  switch (p) {
    case Product::kCreditCard: return "credit_card";
    case Product::kPersonalLoan: return "personal_loan";
    case Product::kAutoLoan: return "auto_loan";
    case Product::kUtility: return "utility";
    case Product::kTelecom: return "telecom";
    case Product::kMedical: return "medical";
    case Product::kStudentLoan: return "student_loan";
    case Product::kMortgage: return "mortgage";
    case Product::kBuyNowPayLater: return "bnpl";
    case Product::kOther: return "other";
  }
  return "unknown";
}

std::string_view StageName(Stage s) {
  switch (s) {
    case Stage::kCurrent: return "current";
    case Stage::kEarly: return "early";
    case Stage::kMid: return "mid";
    case Stage::kLate: return "late";
    case Stage::kRecovery: return "recovery";
  }
  return "unknown";
}

Stage StageFor(int days_past_due, bool charged_off) {
  if (charged_off) return Stage::kRecovery;
  if (days_past_due <= 0) return Stage::kCurrent;
  if (days_past_due <= 30) return Stage::kEarly;
  if (days_past_due <= 60) return Stage::kMid;
  return Stage::kLate;
}

DebtSet::DebtSet(const DebtSet& other) : size_(other.size_) {
  if (size_ <= 1) {
    std::memcpy(slot_, other.slot_, sizeof slot_);
    return;
  }
  auto* ids = new AccountId[kMax];
  std::copy_n(other.Heap(), kMax, ids);
  SetSlot(&ids);
}

DebtSet::DebtSet(DebtSet&& other) noexcept : size_(other.size_) {
  std::memcpy(slot_, other.slot_, sizeof slot_);
  other.size_ = 0;
}

DebtSet& DebtSet::operator=(const DebtSet& other) {
  if (this != &other) *this = DebtSet(other);
  return *this;
}

DebtSet& DebtSet::operator=(DebtSet&& other) noexcept {
  if (this != &other) {
    Release();
    size_ = other.size_;
    std::memcpy(slot_, other.slot_, sizeof slot_);
    other.size_ = 0;
  }
  return *this;
}

DebtSet::~DebtSet() { Release(); }

void DebtSet::Release() {
  if (size_ > 1) delete[] Heap();
  size_ = 0;
}

bool DebtSet::Add(AccountId id) {
  if (Contains(id)) return true;
  if (size_ >= kMax) return false;
  if (size_ == 0) {
    SetSlot(&id);
  } else {
    if (size_ == 1) {
      auto* ids = new AccountId[kMax]{};
      ids[0] = Inline();
      SetSlot(&ids);
    }
    Heap()[size_] = id;
  }
  ++size_;
  return true;
}

void ContactHistory::Record(const ContactEvent& e) {
  const auto at = std::upper_bound(events.begin(), events.end(), e.time,
                                   [](Timestamp t, const ContactEvent& x) { return t < x.time; });
  events.insert(at, e);
}

}  // namespace recoup::domain
