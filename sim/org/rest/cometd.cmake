# CometD / Bayeux long polling at /cometd/XX.X (cometd_service.h).
target_sources(recoup_sim_org_rest PRIVATE cometd_service.cc)
