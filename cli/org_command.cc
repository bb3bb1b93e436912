#include "cli/org_command.h"

#include <pthread.h>
#include <signal.h>

#include <cctype>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>

#include "sim/org/http/org_server.h"

namespace recoup::cli {
namespace {

namespace org_http = recoup::sim::org::http;

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
  // Extension point: --scenario / --data (load a portfolio into the record store) and the fault
  // injection flags (latency, error rates) are added here once the store serves REST resources.
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
  return std::nullopt;
}

int RunServe(const OrgServeOptions& o) {
  if (const std::optional<std::string> error = Validate(o)) {
    std::cerr << "recoup org serve: " << *error << "\n";
    return 2;
  }
  org_http::OrgServerOptions options;
  options.http.host = o.host;
  options.http.port = static_cast<uint16_t>(o.port);
  options.http.threads = o.threads;
  options.http.tls_cert_file = o.tls_cert;
  options.http.tls_key_file = o.tls_key;
  options.http.request_log_path = o.request_log;
  org_http::Principal user = org_http::DefaultPrincipal();
  user.username = o.username;
  user.email = o.username;
  options.oauth.users.push_back(user);
  options.oauth.clients.push_back({o.client_id, o.client_secret, o.username});
  if (!o.jwt_cert.empty()) {
    const std::optional<std::string> pem = ReadFile(o.jwt_cert);
    if (!pem) {
      std::cerr << "recoup org serve: --jwt-cert: cannot read " << o.jwt_cert << "\n";
      return 2;
    }
    options.oauth.jwt_certificate_pem = *pem;
  }
  options.oauth.token_lifetime = Duration::Seconds(o.token_lifetime_s);
  options.oauth.issue_refresh_tokens = o.issue_refresh_tokens;
  options.oauth.rotate_refresh_tokens = o.rotate_refresh_tokens;
  // Without --seed the tokens come from a random seed (printed, so a run can be repeated).
  const uint64_t seed = o.seed.has_value()
                            ? *o.seed
                            : (uint64_t{std::random_device{}()} << 32) | std::random_device{}();
  options.oauth.seed = seed;
  options.api_limits.daily_api_requests = o.api_limit;
  const org_http::ApiVersionRange versions = options.versions;

  StatusOr<std::unique_ptr<org_http::OrgServer>> created =
      org_http::OrgServer::Create(std::move(options));
  if (!created.ok()) {
    std::cerr << "recoup org serve: " << created.status().message() << "\n";
    return 2;
  }
  std::unique_ptr<org_http::OrgServer> org = std::move(created).value();
  // Extension point: the org's REST resources (sObjects, query, composite, Bulk 2.0, CometD) are
  // registered on org->router() here, before Start.

  // SIGINT/SIGTERM are blocked in every thread (the workers inherit the mask) and taken by sigwait
  // below; SIGPIPE is ignored so a client that hangs up cannot kill the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  const Status started = org->Start();
  if (!started.ok()) {
    std::cerr << "recoup org serve: " << started.message() << "\n";
    return started.code() == StatusCode::kInvalidArgument ? 2 : 1;
  }
  const std::string& url = org->base_url();
  std::cout << "recoup org serve: listening on " << url << " (" << o.threads
            << (o.threads == 1 ? " thread" : " threads") << ", API v" << versions.min_major
            << ".0-v" << versions.max_major << ".0, seed " << seed << ")\n"
            << "get a token: curl -s" << (org->server().tls() ? " -k" : "") << " " << url
            << "/services/oauth2/token -d grant_type=client_credentials -d client_id="
            << ShellQuote(o.client_id) << " -d client_secret=" << ShellQuote(o.client_secret)
            << "\n"
            << std::flush;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cout << "recoup org serve: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
            << ", stopping\n"
            << std::flush;
  org->Stop();
  std::cout << "recoup org serve: stopped after " << org->server().requests_served()
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
      "OAuth 2.0 (client credentials, JWT bearer, refresh, revoke), discovery and limits, with "
      "Salesforce's error bodies and Sforce-Limit-Info. Prints the URL and a curl line that gets a "
      "token.");
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
  serve->add_option("--seed", opts->seed, "Seed of the token generator (default: random, printed)");
  serve->add_flag("--issue-refresh-tokens", opts->issue_refresh_tokens,
                  "Token responses also carry a refresh_token");
  serve->add_flag("--rotate-refresh-tokens", opts->rotate_refresh_tokens,
                  "A refresh replaces the refresh token (needs --issue-refresh-tokens)");
  serve->callback([opts, exit_code] { *exit_code = RunServe(*opts); });
}

}  // namespace recoup::cli
