// RandomStreams: the factory of keyed random streams for one simulation run (DESIGN.md section 3).
//
// A stream is named by (stream name, entity id) under the run's seed. Its key is derived here, in
// one place, from the seed and the name; the entity id and draw index form the Philox counter
// (random_stream.h). So a value depends only on (seed, name, entity id, draw index): adding a
// stream, reordering events or sharding entities across processes leaves every other value
// unchanged, and two strategies run under one seed see the same debtors with the same luck (common
// random numbers).
//
// Key derivation (frozen: changing it changes every simulated result):
//   name_hash = FNV-1a 64 of the name's bytes (HashStreamName)
//   key       = Mix64(Mix64(seed + 0x9E3779B97F4A7C15) ^ name_hash)   (DeriveStreamKey)
// where Mix64 is the SplitMix64 finalizer (Stafford's Mix13). For a fixed seed the key is a
// bijection of name_hash, so distinct names never share a key unless their 64-bit FNV hashes
// collide.
#ifndef RECOUP_SIM_RANDOM_RANDOM_STREAMS_H_
#define RECOUP_SIM_RANDOM_RANDOM_STREAMS_H_

#include <cstdint>
#include <string_view>

#include "sim/random/random_stream.h"

namespace recoup::sim {

// The SplitMix64 finalizer: a bijection of 64-bit values with full avalanche.
constexpr uint64_t Mix64(uint64_t x) {
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// FNV-1a 64 of the bytes of `name` (any bytes; the empty name is valid).
constexpr uint64_t HashStreamName(std::string_view name) {
  uint64_t hash = 0xCBF29CE484222325ull;
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ull;
  }
  return hash;
}

// The Philox key of the stream named by `name_hash` (from HashStreamName) under `seed`.
constexpr uint64_t DeriveStreamKey(uint64_t seed, uint64_t name_hash) {
  return Mix64(Mix64(seed + 0x9E3779B97F4A7C15ull) ^ name_hash);
}

// All streams of one name, for any entity; the name is hashed once, so For() costs a few stores.
// Cheap to copy; valid independently of the RandomStreams that made it.
class StreamFamily {
 public:
  // The family with this precomputed key (normally from RandomStreams::Family).
  explicit StreamFamily(uint64_t key) : key_(key) {}

  // The stream of entity `entity_id`, at draw 0. Equal to RandomStreams::Stream(name, entity_id).
  RandomStream For(uint64_t entity_id) const { return RandomStream(key_, entity_id); }

  uint64_t key() const { return key_; }

 private:
  uint64_t key_;
};

// The streams of one run. Holds only the seed: cheap to copy, and it never changes, so any number
// of threads or processes may create streams from equal RandomStreams and get equal values.
class RandomStreams {
 public:
  // Every 64-bit seed is valid (0 included).
  explicit RandomStreams(uint64_t seed) : seed_(seed) {}

  uint64_t seed() const { return seed_; }

  // The stream (`name`, `entity_id`) at draw 0. Choose names by what is drawn, not where it is
  // drawn ("debtor.answer_call", not "step_3"), and entity ids that are stable properties of the
  // entity (account id), not creation order; see docs/random.md. `name` is not retained.
  RandomStream Stream(std::string_view name, uint64_t entity_id = 0) const {
    return Family(name).For(entity_id);
  }

  // The family of streams named `name`: hash the name once, then For(entity) per entity.
  StreamFamily Family(std::string_view name) const {
    return StreamFamily(DeriveStreamKey(seed_, HashStreamName(name)));
  }

 private:
  uint64_t seed_;
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_RANDOM_RANDOM_STREAMS_H_
