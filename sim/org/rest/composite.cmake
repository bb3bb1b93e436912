# /composite and sObject Collections (/composite/sobjects): the "composite" route group.
target_sources(recoup_sim_org_rest PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/composite_reference.cc
  ${CMAKE_CURRENT_LIST_DIR}/composite_request.cc
  ${CMAKE_CURRENT_LIST_DIR}/composite_subrequest.cc
  ${CMAKE_CURRENT_LIST_DIR}/composite_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/collections_write.cc
  ${CMAKE_CURRENT_LIST_DIR}/collections_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/json_checks.cc)
