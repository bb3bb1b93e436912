# The NANP area-code table (area_codes.h): area code -> region, country and IANA time zones.
# Pure data, no I/O; included from core/compliance/CMakeLists.txt.
recoup_library(recoup_core_compliance_area_codes ALIAS recoup::core_compliance_area_codes
  SOURCES area_codes.cc DEPS recoup::core_base)
