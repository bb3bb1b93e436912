# The simulated operation (the lead's part of sim/world).
recoup_library(recoup_sim_operation ALIAS recoup::sim_operation
  SOURCES operation.cc operation_contact.cc operation_messages.cc operation_inbound.cc
          operation_callbacks.cc operation_money.cc
  DEPS recoup::sim_world recoup::sim_adapters recoup::sim_kernel recoup::sim_random
       recoup::sim_org_service recoup::core_workflow recoup::core_compliance recoup::core_strategy)
