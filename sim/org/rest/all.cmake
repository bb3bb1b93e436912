# The whole REST surface on one server (OrgRestApi, org_routes.h) and per-request fault and
# latency injection (fault_injection.h), as `recoup org serve` runs them.
target_sources(recoup_sim_org_rest PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/org_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/fault_injection.cc)
