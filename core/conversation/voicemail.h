// The limited-content voicemail (Reg F 1006.2(j), RF-LCM): the only thing the playbook's
// kLeaveLimitedContentMessage step may say, rendered from one fixed template.
//
// The template holds exactly the required parts (a business name that does not indicate debt
// collection, a request to reply, a natural person to contact, a reply phone number) and one
// permitted optional sentence ("you may speak to any representative"). Nothing else can be put in:
// no debtor name, creditor, balance, or generated text, because the only inputs are the three
// fields below and each is checked. Anything more would break the message's limited-content status.
#ifndef RECOUP_CORE_CONVERSATION_VOICEMAIL_H_
#define RECOUP_CORE_CONVERSATION_VOICEMAIL_H_

#include <string>
#include <string_view>

#include "core/base/statusor.h"

namespace recoup::conversation {

// The fixed template; {business}, {contact} and {phone} are the only placeholders.
inline constexpr std::string_view kLimitedContentTemplate =
    "Hello. This is a message from {business}. Please call {contact} back at {phone}. "
    "You may speak to any representative.";

struct LimitedContentFields {
  std::string business_name;  // 1-80 characters; must not mention debt, collection or recovery
  std::string contact_name;   // a natural person: 1-60 letters, spaces, '.', '-', apostrophes
  std::string reply_phone;    // 7-15 digits, optionally with '+', spaces, '-', '.', '(' and ')'
};

// The message for `fields`, or InvalidArgument naming the field and what was expected.
StatusOr<std::string> RenderLimitedContentMessage(const LimitedContentFields& fields);

}  // namespace recoup::conversation

#endif  // RECOUP_CORE_CONVERSATION_VOICEMAIL_H_
