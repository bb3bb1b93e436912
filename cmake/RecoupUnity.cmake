# Unity builds (CMAKE_UNITY_BUILD, set by the CI presets in CMakePresets.json): CMake compiles each
# target's sources in batches of CMAKE_UNITY_BUILD_BATCH_SIZE files, one translation unit per batch,
# so the heavy headers (nlohmann-json, Boost.Beast/Asio, GoogleTest) are parsed once per batch. Files
# in one batch share their anonymous namespaces and file-static names; the files below define such a
# name that another file of the same target defines too (or shadows), so they are compiled on their
# own. GCC's -Wsubobject-linkage, which is meant for classes defined in headers, also fires on a
# class defined in a batched .cc whose members use that file's anonymous namespace: such files are
# compiled on their own too, rather than giving up the warning.
# Included last from the top CMakeLists.txt, once every target exists. Ordinary builds (release,
# debug) are not unity builds and are unaffected.

# recoup_unity_skip(<target> <file>...): compile <file>s (relative to the repository root) of
# <target> outside its unity batches.
function(recoup_unity_skip target)
  if(NOT TARGET ${target})
    return()
  endif()
  list(TRANSFORM ARGN PREPEND ${PROJECT_SOURCE_DIR}/)
  set_source_files_properties(${ARGN} TARGET_DIRECTORY ${target}
                              PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
endfunction()

if(NOT CMAKE_UNITY_BUILD)
  return()
endif()

# Libraries. The name each file shares with another file of its target follows it.
recoup_unity_skip(recoup_core_segmentation core/segmentation/scoring.cc)  # Quote
recoup_unity_skip(recoup_core_workflow core/workflow/interaction.cc)  # -Wsubobject-linkage
recoup_unity_skip(recoup_sim_org
  sim/org/record_store.cc   # NotFound
  sim/org/schema.cc         # EndsWith, IsAlnum
  sim/org/value_parse.cc)   # Trim, kDayMs
recoup_unity_skip(recoup_sim_org_events sim/org/events/fault_model.cc)  # Number
recoup_unity_skip(recoup_sim_org_http sim/org/http/server.cc)  # using tcp (clang -Wshadow)
recoup_unity_skip(recoup_sim_org_rest
  sim/org/rest/bulk/bulk_ingest_routes.cc  # kBase, FindJob, Create, List, ...
  sim/org/rest/bulk/csv.cc                 # kBom
  sim/org/rest/collections_routes.cc)      # Lower
recoup_unity_skip(recoup_sim_org_soql sim/org/soql/lexer.cc)  # IsDigit
recoup_unity_skip(recoup_sim_org_soql_fuzzlib sim/org/soql/lexer.cc)  # IsDigit (the fuzz preset)
# sim/world is skipped from here, not from its own CMake files.
recoup_unity_skip(recoup_sim_world sim/world/debtor_store.cc)  # HeapBytes; -Wsubobject-linkage

# Tests (their files repeat small helpers: kStart, S(), FromCivilUtc(), ErrorCase ...).
recoup_unity_skip(recoup_test_core_base tests/core/base/time_test.cc)
recoup_unity_skip(recoup_test_core_compliance tests/core/compliance/engine_whatsapp_test.cc)
recoup_unity_skip(recoup_test_core_conversation
  tests/core/conversation/negotiation_flow_test.cc tests/core/conversation/requests_test.cc)
recoup_unity_skip(recoup_test_core_negotiation tests/core/negotiation/evaluate_test.cc)  # Case
recoup_unity_skip(recoup_test_core_strategy tests/core/strategy/next_action_test.cc)
recoup_unity_skip(recoup_test_integration tests/integration/whatsapp_test.cc)
recoup_unity_skip(recoup_test_sim_adapters tests/sim/adapters/sim_org_port_test.cc)
recoup_unity_skip(recoup_test_sim_kernel
  tests/sim/kernel/call_table_test.cc tests/sim/kernel/event_queue_test.cc
  tests/sim/kernel/event_test.cc tests/sim/kernel/interrupt_test.cc tests/sim/kernel/kernel_test.cc
  tests/sim/kernel/store_test.cc)
recoup_unity_skip(recoup_test_sim_org
  tests/sim/org/record_store_test.cc tests/sim/org/record_store_txn_test.cc
  tests/sim/org/schema_extension_test.cc tests/sim/org/value_parse_test.cc)  # Status()
recoup_unity_skip(recoup_test_sim_org_events
  tests/sim/org/events/api_limits_test.cc tests/sim/org/events/fault_model_test.cc
  tests/sim/org/events/rolling_counter_test.cc
  tests/sim/org/events/event_bus_test.cc)  # kT0 (also testing::kT0 of bayeux_test_util.h)
recoup_unity_skip(recoup_test_sim_org_http tests/sim/org/http/oauth_test.cc)
recoup_unity_skip(recoup_test_sim_org_rest_bulk tests/sim/org/rest/bulk_query_test.cc)
recoup_unity_skip(recoup_test_sim_org_rest_composite
  tests/sim/org/rest/collections_errors_test.cc tests/sim/org/rest/composite_test.cc)
recoup_unity_skip(recoup_test_sim_org_rest_sobjects
  tests/sim/org/rest/sobjects_external_id_test.cc tests/sim/org/rest/sobjects_test.cc)
recoup_unity_skip(recoup_test_sim_recording
  tests/sim/recording/audit_records_test.cc tests/sim/recording/compliance_audit_test.cc)
recoup_unity_skip(recoup_test_sim_stats tests/sim/stats/confidence_test.cc)
# tests/sim/world is skipped from here, not from its own CMakeLists.txt (FromCivilUtc, kStart).
recoup_unity_skip(recoup_test_sim_world
  tests/sim/world/behaviour_test.cc tests/sim/world/org_loading_test.cc
  tests/sim/world/sim_channel_port_test.cc)
