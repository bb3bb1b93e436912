# CometD over HTTP (sim/org/rest/cometd_service.h): handshake, subscribe, long polls, replay, abandon,
# Stop, and long polls not starving other requests.
recoup_test(recoup_test_sim_org_rest_cometd
  SOURCES cometd_test.cc cometd_poll_test.cc
  DEPS recoup::sim_org_rest recoup_test_org_http_support)
