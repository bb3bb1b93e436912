// Tests for the audit's packed records (sim/recording/audit_records.h): the id index and the
// overlay of flag times. The audit's behaviour over whole portfolios: compliance_audit_test.cc.
#include "sim/recording/audit_records.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <vector>

namespace recoup::sim::recording {
namespace {

Timestamp At(const char* iso) { return Timestamp::ParseIso8601(iso).value(); }

TEST(AuditIdIndexTest, ConsecutiveAndScatteredIds) {
  struct Item {
    uint64_t id;
  };
  const auto id_of = [](const Item& x) { return x.id; };
  audit::IdIndex index;
  const std::vector<Item> consecutive = {{5}, {6}, {7}};
  EXPECT_EQ(index.Build(std::span<const Item>(consecutive), id_of), -1);
  EXPECT_EQ(index.Find(5), 0);
  EXPECT_EQ(index.Find(7), 2);
  EXPECT_EQ(index.Find(4), -1);
  EXPECT_EQ(index.Find(8), -1);
  EXPECT_EQ(index.Id(1), 6u);
  // Consecutive modulo 2^64 is still one to one.
  const std::vector<Item> wrapping = {{UINT64_MAX}, {0}};
  EXPECT_EQ(index.Build(std::span<const Item>(wrapping), id_of), -1);
  EXPECT_EQ(index.Find(UINT64_MAX), 0);
  EXPECT_EQ(index.Find(0), 1);
  EXPECT_EQ(index.Find(1), -1);
  const std::vector<Item> scattered = {{40}, {3}, {UINT64_MAX}, {17}};
  EXPECT_EQ(index.Build(std::span<const Item>(scattered), id_of), -1);
  EXPECT_EQ(index.Find(40), 0);
  EXPECT_EQ(index.Find(3), 1);
  EXPECT_EQ(index.Find(UINT64_MAX), 2);
  EXPECT_EQ(index.Find(17), 3);
  EXPECT_EQ(index.Find(4), -1);
  EXPECT_EQ(index.Find(0), -1);
  EXPECT_EQ(index.Id(2), UINT64_MAX);
  const std::vector<Item> repeated = {{9}, {4}, {9}, {4}, {4}};
  EXPECT_EQ(index.Build(std::span<const Item>(repeated), id_of), 3);
  const std::vector<Item> none;
  EXPECT_EQ(index.Build(std::span<const Item>(none), id_of), -1);
  EXPECT_EQ(index.Find(0), -1);
}

TEST(AuditOverlayTest, TimesAreKeptPerRecordAndFieldAndOnlyLowered) {
  audit::PhoneRecord placed;
  placed.initially = 1;  // PhoneField::kWrongNumber since placement
  std::vector<audit::PhoneRecord> phones(3);
  phones[1] = placed;
  audit::Overlay overlay;
  const Timestamp t1 = At("2026-02-02T12:00:00Z");
  const Timestamp t2 = At("2026-02-03T12:00:00Z");
  audit::LowerTime(phones[0], overlay, 0, audit::PhoneField::kSmsRevoked, t2);
  audit::LowerTime(phones[0], overlay, 0, audit::PhoneField::kSmsRevoked, t1);
  audit::LowerTime(phones[0], overlay, 0, audit::PhoneField::kSmsRevoked, t2);
  audit::LowerTime(phones[1], overlay, 1, audit::PhoneField::kWrongNumber, t1);
  using audit::PhoneField;
  EXPECT_EQ(audit::TimeOf(phones[0], overlay, 0, PhoneField::kSmsRevoked), t1);
  EXPECT_EQ(audit::TimeOf(phones[0], overlay, 0, PhoneField::kWrongNumber), audit::kNever);
  EXPECT_EQ(audit::TimeOf(phones[1], overlay, 1, PhoneField::kWrongNumber), audit::kAlways);
  EXPECT_EQ(audit::TimeOf(phones[1], overlay, 1, PhoneField::kSmsRevoked), audit::kNever);
  EXPECT_EQ(audit::TimeOf(phones[2], overlay, 2, PhoneField::kSmsRevoked), audit::kNever);
  EXPECT_EQ(overlay.size(), 1u);  // a field set since placement needs no entry
}

}  // namespace
}  // namespace recoup::sim::recording
