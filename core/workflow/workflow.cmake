recoup_library(recoup_core_workflow ALIAS recoup::core_workflow
  SOURCES planner.cc interaction.cc inbound.cc org_backoff.cc
  DEPS recoup::core_workflow_config recoup::core_base recoup::core_ports recoup::core_runtime
       recoup::core_domain recoup::core_segmentation recoup::core_strategy recoup::core_compliance
       recoup::core_negotiation recoup::core_conversation)
