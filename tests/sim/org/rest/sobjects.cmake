# Contract tests over HTTP for the sObject resources (describe, CRUD, external Id and upsert, event
# publishing) and the query resources (query, queryAll, paging, cursors).
recoup_test(recoup_test_sim_org_rest_sobjects
  SOURCES sobjects_test.cc sobjects_external_id_test.cc query_test.cc
  DEPS recoup::sim_org_rest recoup_test_org_http_support)
