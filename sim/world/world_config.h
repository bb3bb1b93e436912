// The simulated world's parameters: the synthetic portfolio, the debtors' behaviour, the channels and
// the staffing of the operation. Plain data with documented defaults; a scenario file
// (scenarios/, docs/scenarios.md) sets them, and Validate* functions check them.
//
// Defaults are the "sim default" column of reference/collections-domain.md section 3 (P-numbers
// below) and the task times of reference/product-brief.md; docs/world.md says where each comes from.
// Probabilities are in [0, 1]; money in major units as doubles here (converted to Money, minor
// units, when accounts are generated); durations in seconds unless the name says otherwise.
#ifndef RECOUP_SIM_WORLD_WORLD_CONFIG_H_
#define RECOUP_SIM_WORLD_WORLD_CONFIG_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/base/time.h"
#include "core/domain/account.h"
#include "core/domain/calendar.h"
#include "sim/org/events/api_limits.h"
#include "sim/org/events/fault_model.h"
#include "sim/org/events/latency_model.h"

namespace recoup::sim::world {

// A lognormal given by its median (> 0) and the sigma of the underlying normal (>= 0).
struct LognormalSpec {
  double median = 1.0;
  double sigma = 0.0;
};

// A lognormal duration given by its median and 90th percentile, in seconds (0 < median <= p90).
struct DurationSpec {
  double median_s = 60.0;
  double p90_s = 60.0;
};

// --- Portfolio -----------------------------------------------------------------------------------

// One product line of the portfolio.
struct ProductSpec {
  domain::Product product = domain::Product::kCreditCard;
  double weight = 1.0;                           // share of accounts, relative to the other lines
  std::string creditor = "Example Bank";
  domain::CollectorRole collector = domain::CollectorRole::kFirstPartyCreditor;
  LognormalSpec balance{1349.0, 1.0};            // total balance at placement, major units (3.6)
  double fees_share = 0.05;                      // of the balance, in [0, 1)
  double interest_share = 0.10;                  // of the balance; fees + interest < 1
  int min_days_past_due = 1;                     // at placement, inclusive, >= 0
  int max_days_past_due = 60;                    // inclusive, >= min
};

// Where debtors live. Area codes are the NANP codes their phones get (empty outside NANP).
struct RegionSpec {
  std::string country = "US";       // ISO 3166-1 alpha-2
  std::string region = "NY";        // state / province / nation code ("" when none)
  std::string time_zone = "America/New_York";  // IANA zone of the address
  std::vector<int> area_codes = {212, 518, 716};
  // Postal codes the region's addresses draw from, uniformly; empty: no postal code. The compliance
  // engine reads them for city overlays (a New York ZIP 100xx-104xx, 110xx-114xx or 116xx is New
  // York City: 3 attempts in 7 days). Added by SCEN for the multi_jurisdiction scenario.
  std::vector<std::string> postal_codes;
  double weight = 1.0;
};

// How complete and fresh the contact data is.
struct ContactDataSpec {
  double phone_on_file = 0.95;            // at least one phone
  double second_phone = 0.30;             // a second phone, given a first
  double mobile_share = 0.80;             // of phones; the rest landlines
  double not_in_service = 0.10;           // a phone that never connects (P2: connect 0.9)
  double wrong_number = 0.05;             // a phone that is someone else's (learned on a call)
  double area_code_elsewhere = 0.15;      // phone area code from another region (the person moved)
  double address_zone_known = 0.90;       // the address was geocoded to a time zone
  double robocall_consent = 0.70;         // TCPA consent for AI / prerecorded calls, per mobile
  double sms_consent = 0.60;              // per mobile
  // Opt-in to the creditor's WhatsApp messages, per mobile (drawn independently of sms_consent).
  // No survey of US collections books found: a moderate guess, WhatsApp being a minority
  // messaging app in the US (higher in LatAm and Europe, where a scenario should raise it).
  double whatsapp_consent = 0.30;
  double email_on_file = 0.60;
  double email_consumer_used = 0.50;      // of emails: provenance kConsumerUsed; the rest are
                                          // creditor-notice emails past their opt-out deadline
};

// Flags present at placement, per account (per person for person-level flags).
struct FlagRatesSpec {
  double attorney_represented = 0.005;    // P19
  double bankruptcy = 0.005;              // P19
  double deceased = 0.001;
  double dispute_open = 0.01;             // P15
  double written_cease = 0.005;           // P16
  double scra_active_duty = 0.002;
  double calls_opted_out = 0.01;          // medium opt-out of calls
  double no_contact_at_work = 0.05;
  double inconvenient_evenings = 0.02;    // said "not after 18:00 on weekdays"
  // UK only (applied to accounts in GB regions).
  double breathing_space = 0.01;
  double capacity_hold = 0.005;
};

struct PortfolioSpec {
  int64_t accounts = 10'000;              // >= 1
  std::vector<ProductSpec> products = {ProductSpec{}};
  std::vector<RegionSpec> regions = {RegionSpec{}};
  ContactDataSpec contact;
  FlagRatesSpec flags;
  // Validation notice sent at placement, so the validation period runs from the start.
  bool validation_notice_at_placement = true;
};

// --- Behaviour -----------------------------------------------------------------------------------

struct BehaviourSpec {
  // Calls (3.1).
  double answer = 0.15;                          // P1: P(live answer) per connected dial, base
  std::array<double, 24> hour_multiplier = {     // P6, by the debtor's local hour
      0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.8, 0.8, 1.2, 1.2, 0.8, 0.8,
      0.8, 0.8, 0.8, 0.8, 1.0, 1.0, 1.4, 1.4, 1.4, 0.8, 0.5, 0.5};
  std::array<double, 7> weekday_multiplier = {1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 0.6};  // Mon..Sun
  double voicemail = 0.50;                       // P(voicemail box) when not answered
  double right_party = 0.50;                     // P3: answered by the debtor (else third party)
  double identity_pass = 0.90;                   // the debtor passes the identity check
  double hang_up_on_ai_disclosure = 0.10;        // 3.7: hangs up when told it is an AI
  // Per-debtor spread of reachability (P1: some segments answer 1.3x more): each debtor's answer
  // probability is multiplied by a lognormal factor with mean 1 and this sigma (0: all alike).
  // Added by WORLD.
  double answer_sigma = 0.5;
  // Conversation outcomes after verification (3.2). The debtor's propensity to pay p (below)
  // scales agreement; the rest are per right-party conversation.
  double ptp_early = 0.35;                       // P10: P(agrees to pay | RPC) at full propensity
  double ptp_late = 0.20;                        // P10, late stage and recovery
  double asks_for_human = 0.05;
  double dispute = 0.03;                         // oral dispute in a conversation
  double hardship = 0.10;                        // P18
  double stop_calling = 0.05;                    // P16: oral opt-out of the medium
  double attorney = 0.003;
  double counter_proposal = 0.40;                // of agreements: proposes own terms first
  int max_instalments_wanted = 6;                // proposals ask for 1..this instalments
  // Replies to our counter-offer (kPresentOffer). Added by WORLD (no source: engineering guesses).
  double accept_counter = 0.70;                  // a debtor who agreed or proposed terms
  double accept_fallback_plan = 0.15;            // a debtor who refused, offered the longest plan
  // Propensity to pay: per account Beta(a, b) mean, decaying with days past due (P20).
  double propensity_mean = 0.5;
  double propensity_concentration = 4.0;         // a + b
  double propensity_half_life_days = 150.0;      // P20: 4-7 months
  // Without contact (P13): daily hazard of curing unprompted, scaled by propensity, early stage.
  double self_cure_daily = 0.01;
  // Written requests over the horizon, per account (P15, P16): arrive at uniform times.
  double written_dispute = 0.02;
  double written_cease = 0.01;
  double bankruptcy_per_year = 0.01;             // P19
  // Promises and payments (3.2, 3.3).
  double kept = 0.60;                            // P11: promise kept (by count)
  double partial = 0.15;                         // of kept promises: partial payment
  double card_share = 0.60;                      // payments by card (else ACH)
  double card_decline = 0.15;                    // P22
  double ach_return = 0.05;                      // P23
  double retry_success = 0.40;                   // P24
  int retry_after_days = 3;
  // Messages (P7, P8): read/open and click; a click leads to a payment with pay_after_click.
  double sms_read = 0.90;
  double sms_click = 0.10;
  // WhatsApp: vendors report read rates above SMS (0.85-0.98, read receipts) and more clicks
  // (template buttons). No collections source: both kept inside P7's SMS ranges (read 0.8-0.95,
  // click 0.05-0.20), above the SMS defaults. See docs/world.md.
  double whatsapp_read = 0.93;
  double whatsapp_click = 0.15;
  double email_open = 0.30;
  double email_click = 0.05;
  double letter_response = 0.02;                 // a letter prompts an inbound call
  double pay_after_click = 0.30;
  double inbound_callback = 0.05;                // after a voicemail or message: calls back
  // Mean delay (exponential) of a reply in a text or email thread, seconds. Added by WORLD.
  double message_reply_mean_s = 900;
  double roll_to_charge_off_dpd = 180;           // charge-off (FFIEC, open-end)
};

// --- Channels and staffing -----------------------------------------------------------------------

// Unit costs (3.4), major units.
struct CostSpec {
  double ai_voice_per_minute = 0.15;      // P28, connected minutes
  double ai_dial = 0.01;                  // per AI dial (telephony set-up)
  double human_per_hour = 30.0;           // loaded labour cost of a collector hour (P29)
  double sms = 0.012;                     // P26 per message
  // Per business-initiated template message: Meta's US utility-template rate (about $0.004;
  // marketing templates about $0.025) plus a provider's per-message fee (Twilio lists $0.005).
  // A payment reminder about the person's account is a utility template.
  double whatsapp = 0.009;
  double email = 0.0005;                  // P27
  double letter = 1.00;                   // P25
  double card_fee_rate = 0.029;           // 3.3: 2.5-3.5% of a card payment
  double ach_fee = 1.00;                  // per ACH payment
};

// Task durations (product-brief.md; collections-domain.md 3.5), for one side (human or AI).
struct HandleTimes {
  DurationSpec identity{30, 60};
  DurationSpec disclosures{15, 25};
  DurationSpec balance{20, 40};
  DurationSpec reminder{90, 150};
  DurationSpec arrangement{150, 240};
  DurationSpec payment{45, 90};
  DurationSpec hardship{900, 1800};       // human only
  DurationSpec dispute{900, 1500};        // human only
  DurationSpec after_call_work{0, 0};     // 0: none (AI)
};

struct ChannelSpec {
  // Daily sending capacity of the message channels (0 = unlimited).
  int64_t sms_per_day = 0;
  int64_t whatsapp_per_day = 0;
  int64_t emails_per_day = 0;
  int64_t letters_per_day = 0;
  // Sending throughput of the message channels (messages per second, > 0): a campaign's messages
  // leave one after another at this rate rather than all at the instant they come due.
  double sms_per_second = 30;             // a 10DLC campaign's carrier-assigned throughput
  double whatsapp_per_second = 80;        // WhatsApp Cloud API default per business number
  double emails_per_second = 100;         // an email service provider's sending rate
  double letters_per_second = 10;         // a print-and-mail vendor's submission API
  double ring_no_answer_s = 30;           // a dial that is not answered
  double voicemail_s = 40;                // leaving the limited-content message
  double not_in_service_s = 5;
  HandleTimes human;                      // defaults overridden in DefaultHumanHandleTimes()
  HandleTimes ai;
  CostSpec cost;
};

// Handle times from the product brief's human column.
HandleTimes DefaultHumanHandleTimes();
// Handle times from the product brief's AI column.
HandleTimes DefaultAiHandleTimes();

// A group of human agents on one shift, in the operation's time zone.
struct AgentGroupSpec {
  std::string name = "collectors";
  int count = 10;
  int shift_start_minute = 9 * 60;        // local minutes after midnight
  int shift_end_minute = 17 * 60;         // > start
  uint8_t weekdays = 0x1f;                // bit 0 = Monday; default Mon-Fri
  bool outbound = true;                   // works the outbound call queue
  bool escalations = true;                // takes hand-offs from the AI (hardship, disputes...)
};

struct StaffingSpec {
  int ai_lines = 0;                       // concurrent AI voice calls; 0 = no AI voice
  std::vector<AgentGroupSpec> agents = {AgentGroupSpec{}};
  std::string operation_time_zone = "America/New_York";  // agents' shifts are in this zone
  // Escalation queue: a hand-off waits for a free escalation agent; the debtor hangs up after an
  // exponential patience with this mean (3.7).
  double patience_mean_s = 120;
  // A hand-off nobody can take live (no agent with the escalations skill on shift) or that the
  // debtor abandoned goes to a callback list: agents with the escalations skill call the debtor
  // back when compliance allows it (at the next shift when the debtor agreed to the call back,
  // which lifts Reg F's 7-day wait; after the wait for an abandoned hand-off), after the debtors
  // waiting on the line and before the outbound calls. Off, or when no agent group has the
  // escalations skill: such a hand-off is lost (abandoned) and the account planned again.
  // docs/world.md, "Callbacks".
  bool callbacks = true;
  // A callback not made within this many days of the hand-off is dropped and the account planned
  // again (0: never; at most kMaxCallbackExpiryDays). No source: Reg F's 7-day wait plus a working
  // week.
  int callback_expiry_days = 14;
};
inline constexpr int kMaxCallbackExpiryDays = 3650;

// --- The org and the run ---------------------------------------------------------------------------

// The mock org the run writes to (sim/org; SimOrgPort in sim/adapters).
struct OrgSpec {
  org::events::LatencyConfig latency = org::events::DefaultLatencyConfig();
  org::events::FaultConfig faults;
  org::events::ApiLimitsConfig limits;
  Duration lookup_budget = Duration::Seconds(2);  // the account lookup during a call (brief)
  // Whether the in-process org keeps the Contact_Attempt__c and Compliance_Record__c records the
  // run writes. false (default): they are validated and counted but not kept (nothing in a run
  // reads them back; sim/adapters/sim_org_port.h SetActivityRetention). Results are identical.
  bool retain_activity = false;
};

struct RunSpec {
  domain::LocalDate start_date{2026, 1, 5};  // the first simulated day (operation time zone)
  int horizon_days = 30;                     // >= 1
  uint64_t seed = 1;
  int replications = 1;                      // >= 1; replication r runs with seed + r
};

struct WorldSpec {
  PortfolioSpec portfolio;
  BehaviourSpec behaviour;
  ChannelSpec channels;
  StaffingSpec staffing;
  OrgSpec org;
};

// Ok, or InvalidArgument naming the field as in the scenario file ("portfolio.products[1].weight:
// must be >= 0, got -1"). Checks every probability in [0, 1], positive medians, p90 >= median,
// ranges ordered, weights non-negative with a positive sum, known IANA zones, shifts inside a day.
Status ValidateWorldSpec(const WorldSpec& spec);

}  // namespace recoup::sim::world

#endif  // RECOUP_SIM_WORLD_WORLD_CONFIG_H_
