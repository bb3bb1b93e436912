// Internal to the results writer (results.h): a table in an HDF5 file as a group holding one 1-D
// dataset per column, all of the same length, appended in chunks. This is the layout h5py and
// pandas read most easily: pandas.DataFrame({c: group[c][()] for c in group.attrs["columns"]}).
//
// Every dataset is chunked, extendible and (optionally) deflate-compressed, without object
// timestamps (so equal runs give equal files). Booleans are the HDF5 enum {FALSE, TRUE} that h5py
// reads as numpy bool; strings are variable-length UTF-8. Column attributes: `unit`, `description`,
// and for coded columns `label_codes` + `labels` (code -> name). Group attributes: `columns` (names
// in order), `rows`, `description`.
//
// Errors are H5::Exception (the results writer catches them at its API).
#ifndef RECOUP_SIM_RECORDING_RESULTS_TABLE_H_
#define RECOUP_SIM_RECORDING_RESULTS_TABLE_H_

#include <H5Cpp.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace recoup::sim::recording::h5 {

enum class ColumnType : uint8_t {
  kBool,
  kInt8,
  kUint8,
  kInt32,
  kUint32,
  kInt64,
  kUint64,
  kFloat64,
  kString
};

struct ColumnSpec {
  std::string name;
  ColumnType type = ColumnType::kFloat64;
  std::string unit;  // "" when none
  std::string description;
  std::vector<std::pair<int, std::string>> labels;  // code -> name for coded columns
};

// Creates group `path` (its parent must exist) without timestamps.
H5::Group CreateGroup(H5::Group& parent, const std::string& name);

// Attributes (scalar or 1-D), replacing an existing one of the same name.
void SetAttribute(H5::H5Object& object, const std::string& name, std::string_view value);
void SetAttribute(H5::H5Object& object, const std::string& name,
                  const std::vector<std::string>& values);
void SetAttribute(H5::H5Object& object, const std::string& name, int64_t value);
void SetAttribute(H5::H5Object& object, const std::string& name, uint64_t value);
void SetAttribute(H5::H5Object& object, const std::string& name, double value);

class TableWriter {
 public:
  // Creates group `name` under `parent` with an empty dataset per column.
  TableWriter(H5::Group& parent, const std::string& name, std::string description,
              std::vector<ColumnSpec> columns, bool compress);

  // Values of the row being built, by column index (the column's type decides the stored width;
  // integers are converted, a value out of the type's range is a caller bug).
  void Int(int column, int64_t value) { columns_[Index(column)].ints.push_back(value); }
  void Uint(int column, uint64_t value) { columns_[Index(column)].uints.push_back(value); }
  void Double(int column, double value) { columns_[Index(column)].doubles.push_back(value); }
  void Bool(int column, bool value) { columns_[Index(column)].ints.push_back(value ? 1 : 0); }
  void String(int column, std::string_view value) {
    columns_[Index(column)].strings.emplace_back(value);
  }
  // Ends the row (every column must have been given exactly one value: checked at Flush); flushes
  // every kChunkRows rows.
  void EndRow();
  // Writes the buffered rows and updates the `rows` attribute.
  void Flush();
  int64_t rows() const { return rows_ + buffered_; }

  static constexpr int64_t kChunkRows = 16384;

 private:
  struct Column {
    ColumnSpec spec;
    H5::DataSet dataset;
    std::vector<int64_t> ints;  // bool and signed integers
    std::vector<uint64_t> uints;
    std::vector<double> doubles;
    std::vector<std::string> strings;
  };
  std::size_t Index(int column) const { return static_cast<std::size_t>(column); }
  void WriteColumn(Column& c, int64_t count);

  H5::Group group_;
  std::vector<Column> columns_;
  int64_t rows_ = 0;      // written
  int64_t buffered_ = 0;  // ended, not yet written
};

}  // namespace recoup::sim::recording::h5

#endif  // RECOUP_SIM_RECORDING_RESULTS_TABLE_H_
