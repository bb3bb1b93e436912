#include "cli/org_command.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cli/scenario_flags.h"
#include "sim/org/events/fault_model.h"
#include "sim/org/events/latency_model.h"
#include "sim/org/http/clock.h"
#include "sim/org/http/org_server.h"
#include "sim/org/rest/fault_injection.h"
#include "sim/org/rest/org_routes.h"
#include "sim/org/service/data_file.h"
#include "sim/org/service/org.h"
#include "sim/world/org_loading.h"
#include "sim/world/portfolio.h"

namespace recoup::cli {
namespace {

namespace org = recoup::sim::org;
namespace org_http = recoup::sim::org::http;
namespace org_rest = recoup::sim::org::rest;

struct OrgServeOptions {
  int port = -1;  // required; 0 picks a free port
  std::string host = "127.0.0.1";
  int threads = 2;
  std::string client_id;
  std::string client_secret;
  std::string tls_cert;
  std::string tls_key;
  std::string jwt_cert;
  std::string username = std::string(org_http::kDefaultUsername);
  int64_t token_lifetime_s = 7200;
  int64_t api_limit = 15'000;
  std::string request_log;
  std::optional<uint64_t> seed;
  bool issue_refresh_tokens = false;
  bool rotate_refresh_tokens = false;
  std::vector<std::string> users;      // --user: more users after --username
  std::string data;                    // --data: a JSON data file or a directory of <Object>.csv
  std::string scenario;                // --scenario: a scenario file whose portfolio is loaded
  int64_t accounts = 0;                // --accounts: its portfolio size (0: portfolio.accounts)
  std::vector<std::string> overrides;  // --set: overrides of the scenario file
  std::string schema;                  // --schema: a schema extension file
  std::string faults;                  // --faults: {"latency": ..., "faults": ...}
  std::optional<double> latency_ms;
  std::optional<double> error_rate;
};

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Single-quotes `s` for a POSIX shell when it holds anything but safe characters.
std::string ShellQuote(const std::string& s) {
  bool safe = !s.empty();
  for (const char c : s) {
    safe = safe && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                    c == '.' || c == '@' || c == ':' || c == '/');
  }
  if (safe) return s;
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Shortest text of a number: "50", "0.25".
std::string FormatNumber(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

// Flag checks CLI11 does not do; the message names the flag.
std::optional<std::string> Validate(const OrgServeOptions& o) {
  if (o.port < 0 || o.port > 65535) return "--port: must be 0..65535 (0 picks a free port)";
  if (o.threads < 1 || o.threads > 256) return "--threads: must be 1..256";
  if (o.client_id.empty()) return "--client-id: must not be empty";
  if (o.client_secret.empty()) return "--client-secret: must not be empty";
  if (o.tls_cert.empty() != o.tls_key.empty()) {
    return o.tls_cert.empty() ? "--tls-cert: required with --tls-key"
                              : "--tls-key: required with --tls-cert";
  }
  if (o.username.empty() || o.username.find('@') == std::string::npos) {
    return "--username: expected a Salesforce username such as integration@example.com";
  }
  if (o.token_lifetime_s <= 0) return "--token-lifetime: must be > 0 seconds";
  if (o.token_lifetime_s > 366LL * 24 * 3600) return "--token-lifetime: must be at most a year";
  if (o.api_limit < 1) return "--api-limit: must be >= 1";
  if (o.rotate_refresh_tokens && !o.issue_refresh_tokens) {
    return "--rotate-refresh-tokens: needs --issue-refresh-tokens";
  }
  std::vector<std::string> seen = {Lower(o.username)};
  for (const std::string& user : o.users) {
    if (user.find('@') == std::string::npos) {
      return "--user: expected a Salesforce username such as agent@example.com, got '" + user + "'";
    }
    if (std::find(seen.begin(), seen.end(), Lower(user)) != seen.end()) {
      return "--user: duplicate username '" + user + "'";
    }
    seen.push_back(Lower(user));
  }
  if (o.latency_ms.has_value() && !(std::isfinite(*o.latency_ms) && *o.latency_ms >= 0)) {
    return "--latency-ms: must be a number of milliseconds >= 0";
  }
  if (o.error_rate.has_value() && !(*o.error_rate >= 0 && *o.error_rate <= 1)) {
    return "--error-rate: must be a probability in [0, 1]";
  }
  return std::nullopt;
}

// The latency and fault injection the flags ask for (nullopt: none). --latency-ms replaces the
// latency of --faults FILE with a constant, --error-rate its faults with SERVER_UNAVAILABLE at
// that rate. Model values are checked here so that errors name the flag and the file.
StatusOr<std::optional<org_rest::FaultInjectionConfig>> InjectionFromFlags(const OrgServeOptions& o,
                                                                           uint64_t seed) {
  org_rest::FaultInjectionConfig config;
  if (!o.faults.empty()) {
    const std::optional<std::string> text = ReadFile(o.faults);
    if (!text) return InvalidArgumentError("--faults: cannot read " + o.faults);
    StatusOr<org_rest::FaultInjectionConfig> read =
        org_rest::FaultInjectionConfigFromJson(*text, o.faults);
    if (!read.ok()) return read.status().WithContext("--faults");
    config = std::move(read).value();
  }
  if (o.latency_ms.has_value()) {
    org::events::LatencyConfig latency;
    latency.default_spec.kind = "constant";
    latency.default_spec.value_ms = *o.latency_ms;
    config.latency = latency;
  }
  if (o.error_rate.has_value()) {
    org::events::FaultConfig faults;
    faults.default_rates.server_unavailable = *o.error_rate;
    config.faults = faults;
  }
  if (!config.latency.has_value() && !config.faults.has_value()) {
    return std::optional<org_rest::FaultInjectionConfig>();
  }
  config.seed = seed;
  const std::string flag = o.faults.empty() ? "--latency-ms" : "--faults: " + o.faults;
  if (config.latency.has_value()) {
    StatusOr<org::events::LatencyModel> model =
        org::events::LatencyModel::Create(*config.latency, seed);
    if (!model.ok()) return model.status().WithContext(flag);
  }
  if (config.faults.has_value()) {
    StatusOr<org::events::FaultModel> model = org::events::FaultModel::Create(*config.faults, seed);
    if (!model.ok()) return model.status().WithContext(o.faults.empty() ? "--error-rate" : flag);
  }
  return std::optional<org_rest::FaultInjectionConfig>(std::move(config));
}

// What the injection does, for the start-up banner.
std::string DescribeInjection(const OrgServeOptions& o) {
  std::vector<std::string> parts;
  if (!o.faults.empty()) parts.push_back("--faults " + o.faults);
  if (o.latency_ms.has_value()) parts.push_back("latency " + FormatNumber(*o.latency_ms) + " ms");
  if (o.error_rate.has_value()) {
    parts.push_back("SERVER_UNAVAILABLE at rate " + FormatNumber(*o.error_rate));
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

// What --scenario loaded, for the start-up banner.
struct ScenarioLoad {
  std::string name;
  uint64_t seed = 0;
  domain::LocalDate start_date;
  size_t accounts = 0;
};

// Builds the org's schema, users, server and REST API from the flags; loads --scenario's
// portfolio, then --data. Prints the error and returns its exit code (2: a bad flag or file; 1:
// cannot start) on failure.
struct Served {
  std::unique_ptr<org_http::OrgServer> server;  // first: destroyed last
  std::unique_ptr<org::Org> org;
  std::unique_ptr<org_rest::OrgRestApi> api;
  std::optional<ScenarioLoad> scenario;
  org::DataLoadSummary loaded;
};

int Fail(const std::string& message, int code) {
  std::cerr << "recoup org serve: " << message << "\n";
  return code;
}

int Assemble(const OrgServeOptions& o, uint64_t seed, Served* served) {
  org::OrgConfig org_config;
  if (!o.schema.empty()) {
    const Status extended = org::ExtendSchemaFromFile(o.schema, &org_config.schema);
    if (!extended.ok()) return Fail("--schema: " + std::string(extended.message()), 2);
  }
  StatusOr<std::optional<org_rest::FaultInjectionConfig>> injection = InjectionFromFlags(o, seed);
  if (!injection.ok()) return Fail(std::string(injection.status().message()), 2);
  // The scenario's portfolio is generated before anything starts: every input error comes first.
  std::optional<sim::world::Portfolio> portfolio;
  if (!o.scenario.empty()) {
    // The loader's message names the place: "FILE:LINE:COLUMN: ..." or "--set ...: ...".
    const std::optional<scenarios::Scenario> scenario =
        LoadScenarioOrReport(o.scenario, o.overrides, "recoup org serve");
    if (!scenario) return 2;
    const uint64_t portfolio_seed = o.seed.value_or(scenario->run.seed);
    // Placed as `recoup run` places it (replication 0 with the same seed starts from it).
    StatusOr<sim::world::Portfolio> generated = sim::world::GenerateRunPortfolio(
        scenario->world, scenario->run.start_date, scenario->run.horizon_days, o.accounts,
        portfolio_seed);
    if (!generated.ok()) {
      return Fail("--scenario: " + o.scenario + ": " + std::string(generated.status().message()),
                  2);
    }
    portfolio = std::move(generated).value();
    served->scenario =
        ScenarioLoad{scenario->name, portfolio_seed, scenario->run.start_date, portfolio->size()};
  }

  org_http::OrgServerOptions options;
  options.http.host = o.host;
  options.http.port = static_cast<uint16_t>(o.port);
  options.http.threads = o.threads;
  options.http.tls_cert_file = o.tls_cert;
  options.http.tls_key_file = o.tls_key;
  options.http.request_log_path = o.request_log;
  // User i of the org (OrgUserId(i)) is the OAuth principal of the i-th username.
  std::vector<std::string> usernames = {o.username};
  usernames.insert(usernames.end(), o.users.begin(), o.users.end());
  org_config.users.clear();
  for (size_t i = 0; i < usernames.size(); ++i) {
    org_http::Principal user = org_http::DefaultPrincipal();
    user.user_id = org::OrgUserId(i).ToLong();
    user.username = usernames[i];
    user.email = usernames[i];
    if (i > 0) user.display_name = usernames[i];
    options.oauth.users.push_back(user);
    org_config.users.push_back(org::OrgUser{user.display_name, user.username, user.email});
  }
  options.oauth.clients.push_back({o.client_id, o.client_secret, o.username});
  if (!o.jwt_cert.empty()) {
    const std::optional<std::string> pem = ReadFile(o.jwt_cert);
    if (!pem) return Fail("--jwt-cert: cannot read " + o.jwt_cert, 2);
    options.oauth.jwt_certificate_pem = *pem;
  }
  options.oauth.token_lifetime = Duration::Seconds(o.token_lifetime_s);
  options.oauth.issue_refresh_tokens = o.issue_refresh_tokens;
  options.oauth.rotate_refresh_tokens = o.rotate_refresh_tokens;
  options.oauth.seed = seed;
  options.api_limits.daily_api_requests = o.api_limit;
  options.serve_limits = false;  // the REST API serves /limits with the store's size

  StatusOr<std::unique_ptr<org_http::OrgServer>> server =
      org_http::OrgServer::Create(std::move(options));
  if (!server.ok()) return Fail(std::string(server.status().message()), 2);
  served->server = std::move(server).value();
  org_config.events.seed = seed;
  StatusOr<std::unique_ptr<org::Org>> created =
      org::Org::Create(std::move(org_config), &served->server->api_limits());
  if (!created.ok()) return Fail(std::string(created.status().message()), 2);
  served->org = std::move(created).value();
  if (portfolio.has_value()) {
    // Created by the integration user (OrgUserId(0) is --username), like --data records.
    const Status loaded = sim::world::LoadPortfolioIntoOrg(*portfolio, *served->org);
    if (!loaded.ok()) {
      return Fail("--scenario: " + o.scenario + ": " + std::string(loaded.message()), 2);
    }
    portfolio.reset();  // the org holds the records now
  }
  if (!o.data.empty()) {
    StatusOr<org::DataLoadSummary> loaded =
        org::LoadDataPath(*served->org, o.data, org_http::SystemNow());
    if (!loaded.ok()) return Fail("--data: " + std::string(loaded.status().message()), 2);
    served->loaded = std::move(loaded).value();
  }
  org_rest::OrgRestConfig rest;
  rest.serve_limits = true;
  rest.cometd.bayeux.seed = seed;
  rest.injection = std::move(injection).value();
  StatusOr<std::unique_ptr<org_rest::OrgRestApi>> api =
      org_rest::OrgRestApi::Create(*served->org, *served->server, std::move(rest));
  if (!api.ok()) return Fail(std::string(api.status().message()), 1);
  served->api = std::move(api).value();
  return 0;
}

int RunServe(const OrgServeOptions& o) {
  if (const std::optional<std::string> error = Validate(o)) return Fail(*error, 2);
  // Without --seed the tokens come from a random seed (printed, so a run can be repeated).
  const uint64_t seed = o.seed.has_value()
                            ? *o.seed
                            : (uint64_t{std::random_device{}()} << 32) | std::random_device{}();
  Served served;
  if (const int code = Assemble(o, seed, &served); code != 0) return code;
  org_http::OrgServer& server = *served.server;
  const org_http::ApiVersionRange versions = server.server().dispatcher().versions();

  // SIGINT/SIGTERM are blocked in every thread (the workers inherit the mask) and taken by sigwait
  // below; SIGPIPE is ignored so a client that hangs up cannot kill the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  const Status started = server.Start();
  if (!started.ok()) {
    return Fail(std::string(started.message()),
                started.code() == StatusCode::kInvalidArgument ? 2 : 1);
  }
  const std::string& url = server.base_url();
  std::cout << "recoup org serve: listening on " << url << " (" << o.threads
            << (o.threads == 1 ? " thread" : " threads") << ", API v" << versions.min_major
            << ".0-v" << versions.max_major << ".0, seed " << seed << ")\n"
            << "get a token: curl -s" << (server.server().tls() ? " -k" : "") << " " << url
            << "/services/oauth2/token -d grant_type=client_credentials -d client_id="
            << ShellQuote(o.client_id) << " -d client_secret=" << ShellQuote(o.client_secret)
            << "\n";
  if (served.scenario.has_value()) {
    const ScenarioLoad& s = *served.scenario;
    std::cout << "recoup org serve: loaded " << s.accounts << " records from " << o.scenario
              << " (Collection_Account__c " << s.accounts << "; scenario " << s.name << ", seed "
              << s.seed << ", placed " << s.start_date << ")\n";
  }
  if (!o.data.empty()) {
    std::cout << "recoup org serve: loaded " << served.loaded.total << " records from " << o.data
              << " (";
    for (size_t i = 0; i < served.loaded.objects.size(); ++i) {
      std::cout << (i == 0 ? "" : ", ") << served.loaded.objects[i].first << " "
                << served.loaded.objects[i].second;
    }
    std::cout << ")\n";
  }
  if (served.api->injector() != nullptr) {
    std::cout << "recoup org serve: injecting " << DescribeInjection(o) << "\n";
  }
  std::cout << std::flush;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cout << "recoup org serve: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
            << ", stopping\n"
            << std::flush;
  server.Stop();
  std::cout << "recoup org serve: stopped after " << server.server().requests_served()
            << " requests\n"
            << std::flush;
  return 0;
}

}  // namespace

void AddOrgCommand(CLI::App& app, int* exit_code) {
  CLI::App* org = app.add_subcommand("org", "The mock Salesforce org");
  org->require_subcommand(1);

  auto opts = std::make_shared<OrgServeOptions>();
  CLI::App* serve = org->add_subcommand(
      "serve",
      "Serve the mock org over HTTP (or HTTPS with --tls-cert/--tls-key) until SIGINT or SIGTERM: "
      "OAuth 2.0 (client credentials, JWT bearer, refresh, revoke), discovery, limits, sObjects, "
      "query, composite, sObject Collections, Bulk API 2.0 and CometD, with Salesforce's error "
      "bodies and Sforce-Limit-Info; optionally loaded with a scenario's synthetic portfolio "
      "(--scenario) and records (--data), and with injected latency and faults. Prints the URL and "
      "a curl line that gets a token.");
  serve->add_option("--port", opts->port, "TCP port; 0 picks a free one (printed)")->required();
  serve->add_option("--client-id", opts->client_id, "Consumer key of the connected app")
      ->required();
  serve->add_option("--client-secret", opts->client_secret, "Consumer secret")->required();
  serve->add_option("--host", opts->host, "Address to listen on")->capture_default_str();
  serve->add_option("--threads", opts->threads, "Worker threads (1..256)")->capture_default_str();
  serve->add_option("--tls-cert", opts->tls_cert, "PEM certificate chain: serve HTTPS");
  serve->add_option("--tls-key", opts->tls_key, "PEM private key of --tls-cert");
  serve->add_option("--jwt-cert", opts->jwt_cert,
                    "PEM X.509 certificate (or public key) that verifies JWT bearer assertions");
  serve
      ->add_option("--username", opts->username,
                   "The integration user: Run As user of the client and JWT subject")
      ->capture_default_str();
  serve->add_option("--token-lifetime", opts->token_lifetime_s, "Access token lifetime in seconds")
      ->capture_default_str();
  serve
      ->add_option("--api-limit", opts->api_limit,
                   "Daily API requests (rolling 24 h) before REQUEST_LIMIT_EXCEEDED")
      ->capture_default_str();
  serve->add_option("--request-log", opts->request_log,
                    "Append one line per request (time method path status bytes us) to FILE");
  serve->add_option("--seed", opts->seed,
                    "Seed of tokens, event ids, CometD client ids, injected latency and faults "
                    "(default: random, printed); with --scenario also of the portfolio "
                    "(default: the file's run.seed)");
  serve->add_flag("--issue-refresh-tokens", opts->issue_refresh_tokens,
                  "Token responses also carry a refresh_token");
  serve->add_flag("--rotate-refresh-tokens", opts->rotate_refresh_tokens,
                  "A refresh replaces the refresh token (needs --issue-refresh-tokens)");
  serve->add_option("--user", opts->users,
                    "Another user of the org (a JWT bearer subject); repeatable. User Ids follow "
                    "--username's: 005000000000002AAA, ...");
  serve->add_option("--data", opts->data,
                    "Load records before serving: a JSON data file {\"records\": {\"<Object>\": "
                    "[{...}, ...]}} or a directory of <Object>.csv files (all or nothing)");
  CLI::Option* scenario =
      serve
          ->add_option("--scenario", opts->scenario,
                       "Load a scenario file's synthetic portfolio before serving (before "
                       "--data): one Collection_Account__c per account, as `recoup run FILE` "
                       "places it (docs/org.md)")
          ->check(CLI::ExistingFile);
  AddAccountsOption(*serve, &opts->accounts)->needs(scenario);
  AddSetOption(*serve, &opts->overrides)->needs(scenario);
  serve->add_option("--schema", opts->schema,
                    "A schema extension file: more custom objects, events and fields");
  serve->add_option(
      "--faults", opts->faults,
      "Inject latency and faults: a JSON file {\"latency\": {...}, \"faults\": {...}} "
      "(docs/org.md)");
  serve->add_option("--latency-ms", opts->latency_ms,
                    "Hold every response this many milliseconds (replaces --faults latency)");
  serve->add_option("--error-rate", opts->error_rate,
                    "Answer this fraction of API requests 503 SERVER_UNAVAILABLE (replaces "
                    "--faults faults)");
  serve->callback([opts, exit_code] { *exit_code = RunServe(*opts); });
}

}  // namespace recoup::cli
