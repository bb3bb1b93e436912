# The whole REST surface on one server (sim/org/rest/org_routes.h): one flow across the route groups
# (REST create, query, composite, collections, event publishing received over CometD, a Bulk 2.0
# ingest job, /limits with the store's size), and fault and latency injection over HTTP
# (sim/org/rest/fault_injection.h).
recoup_test(recoup_test_sim_org_rest_all
  SOURCES rest_all_test.cc fault_injection_test.cc
  DEPS recoup::sim_org_rest recoup_test_org_http_support)
