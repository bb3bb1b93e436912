# Runs one compile-fail case: cmake -DCOMPILER=<c++> -DSOURCE=<file.cc> -DINCLUDE_DIR=<repo root>
#                                   -DCASE=<N> -P expect_compile_error.cmake
# Passes only when the compiler rejects the file AND an error is reported on the line marked
# "expect-error: case N" AND the diagnostics mention an operator or a conversion. So a case cannot
# pass because of a missing header, a typo elsewhere or an unrelated error.
foreach(var COMPILER SOURCE INCLUDE_DIR CASE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "expect_compile_error.cmake: -D${var}=... is required")
  endif()
endforeach()

# The line that must be rejected.
file(STRINGS "${SOURCE}" lines)
set(line_number 0)
set(expected_line 0)
foreach(line IN LISTS lines)
  math(EXPR line_number "${line_number} + 1")
  if(line MATCHES "expect-error: case ${CASE}$")
    set(expected_line ${line_number})
    break()
  endif()
endforeach()
if(expected_line EQUAL 0)
  message(FATAL_ERROR "no line marked 'expect-error: case ${CASE}' in ${SOURCE}")
endif()

execute_process(
  COMMAND "${COMPILER}" -std=c++20 -fsyntax-only "-I${INCLUDE_DIR}" -DRECOUP_CASE=${CASE} "${SOURCE}"
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE out)

if(rc EQUAL 0)
  message(FATAL_ERROR "case ${CASE} compiled, but it must not:\n${out}")
endif()
get_filename_component(source_name "${SOURCE}" NAME)
string(REGEX MATCH "${source_name}:${expected_line}:[0-9]+: (fatal )?error" located "${out}")
if(NOT located)
  message(FATAL_ERROR "case ${CASE} failed, but not with an error on line ${expected_line}:\n${out}")
endif()
# GCC: "no match for 'operator+'", "conversion from 'int' to non-scalar type", "use of deleted
# function"; Clang: "invalid operands to binary expression", "no viable conversion".
string(REGEX MATCH "operator|no match|invalid operands|conver|deleted" reason "${out}")
if(NOT reason)
  message(FATAL_ERROR "case ${CASE} failed for an unexpected reason:\n${out}")
endif()
message(STATUS "case ${CASE} rejected on line ${expected_line} as expected")
