// TeeSink: one RunSink that forwards every row to several (the KPI collector, the compliance audit
// and the results writer all listen to the same run), in the order given.
#ifndef RECOUP_SIM_RECORDING_TEE_SINK_H_
#define RECOUP_SIM_RECORDING_TEE_SINK_H_

#include <utility>
#include <vector>

#include "sim/recording/run_log.h"

namespace recoup::sim::recording {

class TeeSink : public RunSink {
 public:
  // The sinks are not owned and must outlive the TeeSink; nullptr entries are skipped.
  explicit TeeSink(std::vector<RunSink*> sinks) : sinks_(std::move(sinks)) {
    std::erase(sinks_, nullptr);
  }
  // Adds a sink after the others (one that can only be built once the run is set up, as the
  // compliance audit needs the portfolio as placed); it sees the rows emitted from then on.
  void Add(RunSink* sink) {
    if (sink != nullptr) sinks_.push_back(sink);
  }

  void OnContact(const ContactRow& row) override { Each(&RunSink::OnContact, row); }
  void OnPromise(const PromiseRow& row) override { Each(&RunSink::OnPromise, row); }
  void OnPayment(const PaymentRow& row) override { Each(&RunSink::OnPayment, row); }
  void OnEscalation(const EscalationRow& row) override { Each(&RunSink::OnEscalation, row); }
  void OnApiCall(const ApiCallRow& row) override { Each(&RunSink::OnApiCall, row); }
  void OnFlag(const FlagRow& row) override { Each(&RunSink::OnFlag, row); }
  void OnDay(const DaySnapshot& snapshot) override { Each(&RunSink::OnDay, snapshot); }
  void OnAccountOutcome(const AccountOutcomeRow& row) override {
    Each(&RunSink::OnAccountOutcome, row);
  }

 private:
  template <typename Row>
  void Each(void (RunSink::*method)(const Row&), const Row& row) {
    for (RunSink* s : sinks_) (s->*method)(row);
  }

  std::vector<RunSink*> sinks_;
};

}  // namespace recoup::sim::recording

#endif  // RECOUP_SIM_RECORDING_TEE_SINK_H_
