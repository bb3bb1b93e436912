# Bulk API 2.0 ingest and query jobs (bulk/bulk_service.h).
target_sources(recoup_sim_org_rest PRIVATE
  bulk/csv.cc bulk/bulk_job.cc bulk/ingest_job.cc bulk/ingest_rows.cc bulk/query_job.cc
  bulk/bulk_service.cc bulk/bulk_ingest_routes.cc bulk/bulk_query_routes.cc)
