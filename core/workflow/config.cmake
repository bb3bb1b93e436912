# The decision core's configuration (decision_config.h): validation and the working default.
recoup_library(recoup_core_workflow_config ALIAS recoup::core_workflow_config
  SOURCES decision_config.cc
  DEPS recoup::core_segmentation recoup::core_strategy recoup::core_compliance
       recoup::core_negotiation)
