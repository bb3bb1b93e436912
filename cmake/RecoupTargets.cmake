# Helpers that give every recoup target the same warnings, sanitizers and include root.

# recoup_target_defaults(<target>): warnings (errors with RECOUP_WERROR), sanitizers.
function(recoup_target_defaults target)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    return()
  endif()
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports false -Wrestrict positives inside std::string concatenation (GCC PR 105651).
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(RECOUP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(RECOUP_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${RECOUP_SANITIZE} -fno-omit-frame-pointer
                                             -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${RECOUP_SANITIZE})
  endif()
endfunction()

# recoup_library(<name> ALIAS <ns::alias> [INTERFACE] SOURCES ... DEPS ... PRIVATE_DEPS ...)
# One target per folder; headers are included from the repository root ("core/base/status.h").
function(recoup_library name)
  cmake_parse_arguments(ARG "INTERFACE" "ALIAS" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  if(ARG_INTERFACE)
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
  else()
    add_library(${name} STATIC ${ARG_SOURCES})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
    recoup_target_defaults(${name})
  endif()
  add_library(${ARG_ALIAS} ALIAS ${name})
endfunction()

# recoup_executable(<name> SOURCES ... DEPS ...)
function(recoup_executable name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  recoup_target_defaults(${name})
endfunction()

# recoup_test_flags(<target>): the flags of a test's own code (recoup_test below).
function(recoup_test_flags target)
  recoup_target_defaults(${target})
  # A test's own code need not be fast, and it is half of what a build compiles (GoogleTest and
  # nlohmann-json heavy files): -O1 instead of Release's -O3 saves about 30% of its compile time,
  # -O0 instead of the sanitizer presets' -O1 about 45% (GCC 12) to 60% (clang-14). The libraries
  # under test keep the build type's flags, so the suite runs at the same speed.
  if(RECOUP_SANITIZE)
    target_compile_options(${target} PRIVATE -O0)
  elseif(CMAKE_BUILD_TYPE STREQUAL "Release")
    target_compile_options(${target} PRIVATE -O1)
  endif()
endfunction()

# RECOUP_PCH (the CI presets): every test binary reuses one precompiled header of GoogleTest and
# nlohmann-json, made once by recoup_test_pch with the same flags. Off by default, so that ordinary
# builds still check that each file includes what it uses.
option(RECOUP_PCH "Precompile GoogleTest and nlohmann-json once for all test binaries" OFF)

# recoup_test(<name> SOURCES ... DEPS ...): a GoogleTest binary registered with ctest.
function(recoup_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  recoup_test_flags(${name})
  if(RECOUP_PCH)
    if(NOT TARGET recoup_test_pch)
      file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/recoup_test_pch.cc
           CONTENT "// Only compiles the test binaries' precompiled header.\n")
      add_library(recoup_test_pch OBJECT ${PROJECT_BINARY_DIR}/recoup_test_pch.cc)
      target_link_libraries(recoup_test_pch PRIVATE GTest::gtest nlohmann_json::nlohmann_json)
      recoup_test_flags(recoup_test_pch)
      target_precompile_headers(recoup_test_pch PRIVATE <gtest/gtest.h> <nlohmann/json.hpp>)
    endif()
    target_precompile_headers(${name} REUSE_FROM recoup_test_pch)
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60)
endfunction()
