// Disclosures a communication must make, as decided by compliance (RequiredDisclosures in
// compliance.h) and delivered by the conversation playbook (core/conversation).
#ifndef RECOUP_CORE_COMPLIANCE_DISCLOSURES_H_
#define RECOUP_CORE_COMPLIANCE_DISCLOSURES_H_

#include <cstdint>
#include <string_view>

namespace recoup::compliance {

enum class Disclosure : uint8_t {
  kCallerIdentification,     // who is calling, at the start (TCPA artificial-voice calls)
  kAiVoice,                  // the voice is artificial / AI (FCC 24-17)
  kRecordingNotice,          // the call is recorded (all-party consent states; always on AI calls)
  kDebtCollectorInitial,     // mini-Miranda, initial communication (1006.18(e)(1))
  kDebtCollectorSubsequent,  // "this is from a debt collector" (1006.18(e)(2))
  kValidationInformation,    // validation information / right to dispute (1006.34)
  kTimeBarred,               // the debt is time-barred; we cannot sue (state law)
  kOptOutInstructions,       // how to opt out of electronic messages (1006.6(e))
  kInCallOptOut,             // how to stop these calls, automated (TCPA artificial voice)
};
inline constexpr int kDisclosureCount = 9;
// "caller_identification", "ai_voice", ... (stable: written to Compliance Records).
constexpr std::string_view DisclosureName(Disclosure d) {
  constexpr std::string_view kNames[kDisclosureCount] = {
      "caller_identification", "ai_voice",           "recording_notice",
      "debt_collector_initial", "debt_collector_subsequent", "validation_information",
      "time_barred",           "opt_out_instructions", "in_call_opt_out"};
  const int i = static_cast<int>(d);
  return i >= 0 && i < kDisclosureCount ? kNames[i] : std::string_view("unknown");
}

// A set of disclosures, in the order above when iterated.
class DisclosureSet {
 public:
  constexpr DisclosureSet() = default;
  constexpr void Add(Disclosure d) { bits_ |= Bit(d); }
  constexpr bool Contains(Disclosure d) const { return (bits_ & Bit(d)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr uint16_t bits() const { return bits_; }
  friend constexpr bool operator==(DisclosureSet, DisclosureSet) = default;

 private:
  static constexpr uint16_t Bit(Disclosure d) { return static_cast<uint16_t>(1u << static_cast<int>(d)); }
  uint16_t bits_ = 0;
};

}  // namespace recoup::compliance

#endif  // RECOUP_CORE_COMPLIANCE_DISCLOSURES_H_
