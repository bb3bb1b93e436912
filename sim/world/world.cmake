# Owned by the world part: defines recoup_sim_world (alias recoup::sim_world): the world's
# configuration and its validation, the portfolio generator, loading a portfolio into the mock org,
# and the debtor behaviour model (docs/world.md).
recoup_library(recoup_sim_world ALIAS recoup::sim_world
  SOURCES world_config.cc debtor_store.cc portfolio.cc org_loading.cc behaviour.cc
  DEPS recoup::core_base recoup::core_domain recoup::core_compliance recoup::core_conversation
       recoup::sim_random recoup::sim_org recoup::sim_org_events recoup::sim_org_service
       cctz::cctz)
