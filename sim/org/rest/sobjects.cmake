# sObject resources (describe, CRUD by Id and external Id, upsert, event publishing) and query
# resources (query, queryAll, query-more) of the mock org's REST API.
target_sources(recoup_sim_org_rest PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/rest_json.cc
  ${CMAKE_CURRENT_LIST_DIR}/sobject_catalog.cc
  ${CMAKE_CURRENT_LIST_DIR}/sobject_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/sobject_record_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/sobject_external_id_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/query_routes.cc)
