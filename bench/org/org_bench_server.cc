// recoup_bench_org_server: the mock org as the load benchmark (bench/org/org_load.py) drives it. It
// builds an Org holding N Collection_Account__c records directly through the record store, serves
// every REST resource on an OrgServer (sim/org/rest/org_routes.h, as `recoup org serve` does),
// writes the Ids and external Ids of the records to a file (so the load generator can pick random
// ones), prints one line "org_bench_server: listening on <url> ..." and serves until SIGINT or
// SIGTERM.
//
// Usage: recoup_bench_org_server --keys-out FILE [--records N] [--port P] [--threads T] [--seed S]
//   The connected app is client id "bench", secret "bench-secret" (client credentials flow); the
//   daily API allocation is effectively unlimited so that a long run never hits
//   REQUEST_LIMIT_EXCEEDED. The keys file has one line per record: "<18-char Id> <External_Id__c>".
//   Exit codes: 0 after a clean stop, 1 when the server cannot start, 2 for bad flags.
#include <pthread.h>
#include <signal.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "CLI/CLI.hpp"
#include "core/base/time.h"
#include "sim/org/http/oauth.h"
#include "sim/org/http/org_server.h"
#include "sim/org/record_input.h"
#include "sim/org/rest/org_routes.h"
#include "sim/org/service/org.h"
#include "sim/random/random_streams.h"

namespace {

namespace org = recoup::sim::org;
namespace org_http = recoup::sim::org::http;
using recoup::Duration;
using recoup::Status;
using recoup::StatusOr;
using recoup::Timestamp;

struct Options {
  int64_t records = 100'000;
  int port = 0;
  int threads = 2;
  std::string keys_out;
  uint64_t seed = 1;
};

const org::FieldDef& Field(const org::ObjectDef& object, std::string_view name) {
  const org::FieldDef* field = object.FindField(name);
  if (field == nullptr) {
    std::cerr << "org_bench_server: the schema has no field " << object.name() << "." << name
              << "\n";
    std::exit(1);
  }
  return *field;
}

// The external Id of record `serial` (1-based): "EXT-0000001".
std::string ExternalId(int64_t serial) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "EXT-%07lld", static_cast<long long>(serial));
  return buf;
}

// Creates `count` Collection_Account__c records with plausible values (balances, days past due,
// status, segment, dates, ...) drawn from the keyed stream "bench.org.account" of `seed`, and
// writes "<Id> <External_Id__c>" per record to `keys`. Returns false (after a message) on a store
// error.
bool Populate(org::Org& org, int64_t count, uint64_t seed, std::ostream& keys) {
  org::Org::Session session = org.Lock();
  const org::ObjectDef* object = session.schema().FindObject("Collection_Account__c");
  if (object == nullptr) {
    std::cerr << "org_bench_server: the schema has no Collection_Account__c\n";
    return false;
  }
  const org::FieldDef& name = Field(*object, "Name");
  const org::FieldDef& external_id = Field(*object, "External_Id__c");
  const org::FieldDef& balance = Field(*object, "Balance__c");
  const org::FieldDef& original = Field(*object, "Original_Balance__c");
  const org::FieldDef& days_past_due = Field(*object, "Days_Past_Due__c");
  const org::FieldDef& status = Field(*object, "Status__c");
  const org::FieldDef& segment = Field(*object, "Segment__c");
  const org::FieldDef& risk = Field(*object, "Risk_Score__c");
  const org::FieldDef& due_date = Field(*object, "Due_Date__c");
  const org::FieldDef& jurisdiction = Field(*object, "Jurisdiction__c");
  const org::FieldDef& time_zone = Field(*object, "Time_Zone__c");
  static constexpr const char* kStatuses[] = {"New", "Active", "Promise", "Arrangement"};
  static constexpr const char* kSegments[] = {"Early", "Mid", "Late", "Recovery"};
  static constexpr const char* kJurisdictions[] = {"US-CA", "US-NY", "US-TX", "US-FL"};
  static constexpr const char* kZones[] = {"America/Los_Angeles", "America/New_York",
                                           "America/Chicago", "America/New_York"};

  const Timestamp now = Timestamp::FromCivilUtc(2025, 6, 1, 9, 0, 0);
  const int32_t today = static_cast<int32_t>(now.unix_nanos() / 86'400'000'000'000LL);
  const recoup::sim::StreamFamily family =
      recoup::sim::RandomStreams(seed).Family("bench.org.account");
  const org::SfId user = org::OrgUserId(0);
  org::RecordInput input;
  for (int64_t serial = 1; serial <= count; ++serial) {
    recoup::sim::RandomStream stream = family.For(static_cast<uint64_t>(serial));
    const double owed = 50.0 + static_cast<double>(stream() % 500'000) / 100.0;
    const double paid_share = static_cast<double>(stream() % 100) / 100.0;
    const int64_t dpd = static_cast<int64_t>(stream() % 360);
    const size_t state = stream() % 4;
    input.clear();
    input.push_back({&name, org::FieldValue::String("Account " + std::to_string(serial)), nullptr});
    input.push_back({&external_id, org::FieldValue::String(ExternalId(serial)), nullptr});
    input.push_back({&original, org::FieldValue::Double(owed), nullptr});
    input.push_back({&balance,
                     org::FieldValue::Double(std::round(owed * (1.0 - paid_share) * 100.0) / 100.0),
                     nullptr});
    input.push_back({&days_past_due, org::FieldValue::Double(static_cast<double>(dpd)), nullptr});
    input.push_back({&status, org::FieldValue::String(kStatuses[stream() % 4]), nullptr});
    input.push_back({&segment, org::FieldValue::String(kSegments[dpd / 90]), nullptr});
    input.push_back({&risk,
                     org::FieldValue::Double(static_cast<double>(stream() % 10'000) / 10'000.0),
                     nullptr});
    input.push_back({&due_date, org::FieldValue::Date(today - static_cast<int32_t>(dpd)), nullptr});
    input.push_back({&jurisdiction, org::FieldValue::String(kJurisdictions[state]), nullptr});
    input.push_back({&time_zone, org::FieldValue::String(kZones[state]), nullptr});
    org::SfOr<org::SfId> id = session.store().Create(*object, input, now, user);
    if (!id.ok()) {
      std::cerr << "org_bench_server: record " << serial << ": " << id.error().error_code << " "
                << id.error().message << "\n";
      return false;
    }
    keys << id->ToLong() << ' ' << ExternalId(serial) << '\n';
  }
  return true;
}

int Run(const Options& o) {
  org_http::OrgServerOptions options;
  options.http.port = static_cast<uint16_t>(o.port);
  options.http.threads = o.threads;
  options.oauth.users.push_back(org_http::DefaultPrincipal());
  options.oauth.clients.push_back({"bench", "bench-secret", ""});
  options.oauth.token_lifetime = Duration::Hours(24);
  options.oauth.seed = o.seed;
  options.api_limits.daily_api_requests = int64_t{1} << 50;  // never the bottleneck
  options.serve_limits = false;  // OrgRestApi serves /limits (with the store's size)
  StatusOr<std::unique_ptr<org_http::OrgServer>> server_or =
      org_http::OrgServer::Create(std::move(options));
  if (!server_or.ok()) {
    std::cerr << "org_bench_server: " << server_or.status().message() << "\n";
    return 1;
  }
  std::unique_ptr<org_http::OrgServer> server = std::move(server_or).value();

  org::OrgConfig config;
  StatusOr<std::unique_ptr<org::Org>> org_or =
      org::Org::Create(std::move(config), &server->api_limits());
  if (!org_or.ok()) {
    std::cerr << "org_bench_server: " << org_or.status().message() << "\n";
    return 1;
  }
  std::unique_ptr<org::Org> the_org = std::move(org_or).value();

  {
    std::ofstream keys(o.keys_out, std::ios::trunc);
    if (!keys) {
      std::cerr << "org_bench_server: --keys-out: cannot write " << o.keys_out << "\n";
      return 2;
    }
    if (!Populate(*the_org, o.records, o.seed, keys)) return 1;
    keys.flush();
    if (!keys) {
      std::cerr << "org_bench_server: --keys-out: write failed: " << o.keys_out << "\n";
      return 1;
    }
  }

  // Every REST resource, as `recoup org serve` registers them (no injected latency or faults).
  org::rest::OrgRestConfig rest_config;
  rest_config.serve_limits = true;
  StatusOr<std::unique_ptr<org::rest::OrgRestApi>> api_or =
      org::rest::OrgRestApi::Create(*the_org, *server, std::move(rest_config));
  if (!api_or.ok()) {
    std::cerr << "org_bench_server: " << api_or.status().message() << "\n";
    return 1;
  }
  std::unique_ptr<org::rest::OrgRestApi> api = std::move(api_or).value();

  // SIGINT/SIGTERM are blocked in every thread (the workers inherit the mask) and taken by sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  const Status started = server->Start();
  if (!started.ok()) {
    std::cerr << "org_bench_server: " << started.message() << "\n";
    return 1;
  }
  std::cout << "org_bench_server: listening on " << server->base_url() << " (" << o.records
            << " Collection_Account__c records, " << o.threads << " threads)\n"
            << std::flush;
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  server->Stop();  // before `api`, `the_org` and `server` are destroyed, in that order
  std::cout << "org_bench_server: stopped after " << server->server().requests_served()
            << " requests\n"
            << std::flush;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The mock org serving N Collection_Account__c records, for bench/org/org_load.py"};
  Options o;
  app.add_option("--records", o.records, "Collection_Account__c records to create")
      ->check(CLI::Range(int64_t{1}, int64_t{10'000'000}))
      ->capture_default_str();
  app.add_option("--port", o.port, "TCP port on 127.0.0.1; 0 picks a free one (printed)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app.add_option("--threads", o.threads, "Server worker threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  app.add_option("--keys-out", o.keys_out, "Write '<Id> <External_Id__c>' per record to FILE")
      ->required();
  app.add_option("--seed", o.seed, "Seed of the record values and of the token stream")
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // --help: 0; a bad flag: the message, then 2
  }
  return Run(o);
}
