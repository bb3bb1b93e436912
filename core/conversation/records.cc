#include "core/conversation/records.h"

#include <algorithm>
#include <string>

namespace recoup::conversation {
namespace {

bool IsPhoneFlag(Flag f) {
  return f == Flag::kPhoneWrongNumber || f == Flag::kPhoneCallsOptedOut ||
         f == Flag::kPhoneTextsOptedOut || f == Flag::kPhoneRobocallConsentRevoked ||
         f == Flag::kPhoneSmsConsentRevoked || f == Flag::kPhoneWhatsAppOptedOut ||
         f == Flag::kPhoneWhatsAppConsentRevoked;
}

void Revoke(domain::Consent& consent, Timestamp at) {
  consent.revoked = std::min(consent.revoked, at);
}

}  // namespace

Status ApplyFlagChanges(const std::vector<FlagChange>& changes, domain::Account& account,
                        domain::Debtor& debtor) {
  for (size_t i = 0; i < changes.size(); ++i) {
    const FlagChange& c = changes[i];
    const int cp = c.contact_point;
    const bool phone = IsPhoneFlag(c.flag);
    const bool email = c.flag == Flag::kEmailOptedOut;
    const size_t count = phone ? debtor.phones.size() : debtor.emails.size();
    if ((phone || email) && (cp < 0 || static_cast<size_t>(cp) >= count)) {
      return OutOfRangeError("flag_changes[" + std::to_string(i) + "] (" +
                             std::string(FlagName(c.flag)) + "): contact point " +
                             std::to_string(cp) + " is not one of the debtor's " +
                             std::to_string(count) + (phone ? " phones" : " emails"));
    }
  }
  for (const FlagChange& c : changes) {
    const auto cp = static_cast<size_t>(c.contact_point);
    switch (c.flag) {
      case Flag::kPhoneWrongNumber:
        debtor.phones[cp].wrong_number = true;
        break;
      case Flag::kPhoneCallsOptedOut:
        debtor.phones[cp].calls_opted_out = true;
        break;
      case Flag::kPhoneTextsOptedOut:
        debtor.phones[cp].texts_opted_out = true;
        break;
      case Flag::kPhoneRobocallConsentRevoked:
        Revoke(debtor.phones[cp].robocall_consent, c.at);
        break;
      case Flag::kPhoneSmsConsentRevoked:
        Revoke(debtor.phones[cp].sms_consent, c.at);
        break;
      case Flag::kEmailOptedOut:
        debtor.emails[cp].opted_out = true;
        break;
      case Flag::kDebtorCallsOptedOut:
        debtor.calls_opted_out = true;
        break;
      case Flag::kDebtorTextsOptedOut:
        debtor.texts_opted_out = true;
        break;
      case Flag::kDebtorEmailsOptedOut:
        debtor.emails_opted_out = true;
        break;
      case Flag::kAccountWrittenCease:
        account.written_cease = std::min(account.written_cease, c.at);
        break;
      case Flag::kAccountAttorneyRepresented:
        account.attorney_represented = true;
        break;
      case Flag::kAccountDisputeOpen:
        account.dispute = domain::DisputeStatus::kOpen;
        break;
      case Flag::kPhoneWhatsAppOptedOut:
        debtor.phones[cp].whatsapp_opted_out = true;
        break;
      case Flag::kPhoneWhatsAppConsentRevoked:
        Revoke(debtor.phones[cp].whatsapp_consent, c.at);
        break;
      case Flag::kDebtorWhatsAppOptedOut:
        debtor.whatsapp_opted_out = true;
        break;
    }
  }
  return OkStatus();
}

}  // namespace recoup::conversation
