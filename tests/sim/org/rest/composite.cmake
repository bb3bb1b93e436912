# /composite and sObject Collections over HTTP (sim/org/rest/composite_routes.h,
# collections_routes.h): success shapes, references, allOrNone rollbacks, limits and errors.
recoup_test(recoup_test_sim_org_rest_composite
  SOURCES composite_reference_test.cc composite_dispatch_test.cc composite_test.cc
          composite_errors_test.cc
          collections_test.cc collections_errors_test.cc
  DEPS recoup::sim_org_rest recoup_test_org_http_support)
