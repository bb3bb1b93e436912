#include "core/conversation/voicemail.h"

#include <cctype>

namespace recoup::conversation {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Words that would tell a listener the call is about a debt.
constexpr std::string_view kRevealingWords[] = {"debt",      "collect", "recover", "arrear",
                                                "delinquen", "overdue", "past due"};

Status CheckBusiness(std::string_view name) {
  if (name.empty() || name.size() > 80) {
    return InvalidArgumentError("LimitedContentFields.business_name: expected 1-80 characters");
  }
  for (char c : name) {
    if (std::iscntrl(static_cast<unsigned char>(c)) || c == '{' || c == '}') {
      return InvalidArgumentError(
          "LimitedContentFields.business_name: expected printable text without braces");
    }
  }
  const std::string lower = Lower(name);
  for (std::string_view word : kRevealingWords) {
    if (lower.find(word) != std::string::npos) {
      return InvalidArgumentError(
          "LimitedContentFields.business_name: must not indicate debt "
          "collection (contains \"" +
          std::string(word) + "\")");
    }
  }
  return OkStatus();
}

Status CheckContact(std::string_view name) {
  if (name.empty() || name.size() > 60) {
    return InvalidArgumentError("LimitedContentFields.contact_name: expected 1-60 characters");
  }
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalpha(u) && c != ' ' && c != '.' && c != '-' && c != '\'') {
      return InvalidArgumentError(
          "LimitedContentFields.contact_name: expected a person's name "
          "(letters, spaces, '.', '-', apostrophes)");
    }
  }
  return OkStatus();
}

Status CheckPhone(std::string_view phone) {
  int digits = 0;
  for (char c : phone) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (c != '+' && c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return InvalidArgumentError(
          "LimitedContentFields.reply_phone: expected digits and + - . ( )");
    }
  }
  if (digits < 7 || digits > 15) {
    return InvalidArgumentError("LimitedContentFields.reply_phone: expected 7-15 digits");
  }
  return OkStatus();
}

void Replace(std::string& text, std::string_view placeholder, std::string_view value) {
  const size_t at = text.find(placeholder);
  if (at != std::string::npos) text.replace(at, placeholder.size(), value);
}

}  // namespace

StatusOr<std::string> RenderLimitedContentMessage(const LimitedContentFields& fields) {
  RECOUP_RETURN_IF_ERROR(CheckBusiness(fields.business_name));
  RECOUP_RETURN_IF_ERROR(CheckContact(fields.contact_name));
  RECOUP_RETURN_IF_ERROR(CheckPhone(fields.reply_phone));
  std::string text(kLimitedContentTemplate);
  Replace(text, "{business}", fields.business_name);
  Replace(text, "{contact}", fields.contact_name);
  Replace(text, "{phone}", fields.reply_phone);
  return text;
}

}  // namespace recoup::conversation
