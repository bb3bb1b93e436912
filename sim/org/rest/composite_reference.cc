// composite_reference.h: "@{refId.path}" references between composite subrequests.
#include "sim/org/rest/composite_reference.h"

#include <cstddef>
#include <string>
#include <utility>

namespace recoup::sim::org::rest {
namespace {

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The text a resolved value contributes, or false for a value that counts as "no value".
bool ValueText(const nlohmann::json& value, std::string* out) {
  if (value.is_null()) return false;
  if (value.is_string()) {
    *out += value.get_ref<const std::string&>();
  } else {
    *out += value.dump();
  }
  return true;
}

// Resolves one expression (the text between "@{" and "}") and appends its value to *out.
SfStatus AppendReference(std::string_view expression, const ReferenceLookup& lookup,
                         std::string* out) {
  size_t split = 0;
  while (split < expression.size() && (IsAlnum(expression[split]) || expression[split] == '_')) {
    ++split;
  }
  const std::string_view reference_id = expression.substr(0, split);
  const std::string_view path = expression.substr(split);
  // "@{acct}" alone names no value: Salesforce needs a path into the result.
  if (reference_id.empty() || path.empty()) {
    return InvalidReferenceError(expression, reference_id.empty() ? expression : reference_id);
  }
  const nlohmann::json* root = lookup(reference_id);
  const nlohmann::json* value = root == nullptr ? nullptr : EvaluateReferencePath(*root, path);
  if (value == nullptr || !ValueText(*value, out)) {
    return InvalidReferenceError(expression, reference_id);
  }
  return {};
}

}  // namespace

bool IsValidReferenceId(std::string_view reference_id) {
  if (reference_id.empty() || !IsAlnum(reference_id.front())) return false;
  for (const char c : reference_id) {
    if (!IsAlnum(c) && c != '_') return false;
  }
  return true;
}

const nlohmann::json* EvaluateReferencePath(const nlohmann::json& root, std::string_view path) {
  const nlohmann::json* current = &root;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') {
      size_t end = i + 1;
      while (end < path.size() && path[end] != '.' && path[end] != '[') ++end;
      const std::string name(path.substr(i + 1, end - i - 1));
      if (name.empty() || !current->is_object()) return nullptr;
      const auto it = current->find(name);
      if (it == current->end()) return nullptr;
      current = &*it;
      i = end;
    } else if (path[i] == '[') {
      const size_t close = path.find(']', i);
      if (close == std::string_view::npos || close == i + 1 || close - i > 10) return nullptr;
      size_t index = 0;
      for (size_t k = i + 1; k < close; ++k) {
        if (path[k] < '0' || path[k] > '9') return nullptr;
        index = index * 10 + static_cast<size_t>(path[k] - '0');
      }
      if (!current->is_array() || index >= current->size()) return nullptr;
      current = &(*current)[index];
      i = close + 1;
    } else {
      return nullptr;
    }
  }
  return current;
}

SfError InvalidReferenceError(std::string_view expression, std::string_view reference_id) {
  std::string message = "Invalid reference specified. No value for ";
  message.append(expression);
  message += " found in ";
  message.append(reference_id);
  message += ". Provided referenceId ('";
  message.append(reference_id);
  message +=
      "') must start with a letter or a number, and it can contain only letters, numbers and "
      "underscores ('_').";
  return MakeSfError(400, "PROCESSING_HALTED", std::move(message));
}

SfOr<std::string> ResolveReferencesInText(std::string_view text, const ReferenceLookup& lookup) {
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t open = text.find("@{", pos);
    const size_t close = open == std::string_view::npos ? open : text.find('}', open + 2);
    if (close == std::string_view::npos) {
      out.append(text.substr(pos));
      return out;
    }
    out.append(text.substr(pos, open - pos));
    SfStatus appended = AppendReference(text.substr(open + 2, close - open - 2), lookup, &out);
    if (!appended.ok()) return appended.error();
    pos = close + 1;
  }
}

SfStatus ResolveReferencesInJson(nlohmann::json* body, const ReferenceLookup& lookup) {
  if (body->is_string()) {
    const std::string& text = body->get_ref<const std::string&>();
    if (text.find("@{") == std::string::npos) return {};
    SfOr<std::string> resolved = ResolveReferencesInText(text, lookup);
    if (!resolved.ok()) return resolved.error();
    *body = std::move(resolved).value();
    return {};
  }
  if (body->is_object() || body->is_array()) {
    for (nlohmann::json& child : *body) {
      SfStatus st = ResolveReferencesInJson(&child, lookup);
      if (!st.ok()) return st;
    }
  }
  return {};
}

}  // namespace recoup::sim::org::rest
