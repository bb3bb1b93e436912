# Bulk API 2.0 (sim/org/rest/bulk/): the CSV reader and writer as units, and ingest and query jobs
# over HTTP (uploads plain and chunked, mixed good and bad rows, the state machine, result paging).
recoup_test(recoup_test_sim_org_rest_bulk
  SOURCES bulk_csv_test.cc bulk_ingest_test.cc bulk_ingest_errors_test.cc bulk_query_test.cc
  DEPS recoup::sim_org_rest recoup_test_org_http_support)
