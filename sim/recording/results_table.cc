#include "sim/recording/results_table.h"

#include <string>
#include <vector>

#include "core/base/check.h"

namespace recoup::sim::recording::h5 {
namespace {

H5::StrType Utf8String() {
  H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
  t.setCset(H5T_CSET_UTF8);
  return t;
}

H5::EnumType BoolType() {
  H5::EnumType t(H5::PredType::NATIVE_INT8);
  int8_t no = 0;
  int8_t yes = 1;
  t.insert("FALSE", &no);
  t.insert("TRUE", &yes);
  return t;
}

// The type stored in the file and the one of the buffer handed to write().
H5::DataType FileType(ColumnType t) {
  switch (t) {
    case ColumnType::kBool:
      return BoolType();
    case ColumnType::kInt8:
      return H5::PredType::STD_I8LE;
    case ColumnType::kUint8:
      return H5::PredType::STD_U8LE;
    case ColumnType::kInt32:
      return H5::PredType::STD_I32LE;
    case ColumnType::kUint32:
      return H5::PredType::STD_U32LE;
    case ColumnType::kInt64:
      return H5::PredType::STD_I64LE;
    case ColumnType::kUint64:
      return H5::PredType::STD_U64LE;
    case ColumnType::kFloat64:
      return H5::PredType::IEEE_F64LE;
    case ColumnType::kString:
      return Utf8String();
  }
  return H5::PredType::IEEE_F64LE;
}

template <typename T>
std::vector<T> Narrow(const std::vector<int64_t>& v, std::size_t n) {
  std::vector<T> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<T>(v[i]);
  return out;
}

void RemoveIfExists(H5::H5Object& object, const std::string& name) {
  if (object.attrExists(name)) object.removeAttr(name);
}

}  // namespace

H5::Group CreateGroup(H5::Group& parent, const std::string& name) {
  const hid_t gcpl = H5Pcreate(H5P_GROUP_CREATE);
  H5Pset_obj_track_times(gcpl, 0);
  const hid_t id = H5Gcreate2(parent.getId(), name.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT);
  H5Pclose(gcpl);
  if (id < 0) throw H5::GroupIException("CreateGroup", "cannot create group " + name);
  H5::Group group(id);  // takes a reference of its own
  H5Gclose(id);
  return group;
}

void SetAttribute(H5::H5Object& object, const std::string& name, std::string_view value) {
  RemoveIfExists(object, name);
  const H5::StrType type = Utf8String();
  H5::Attribute a = object.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
  const std::string s(value);
  const char* p = s.c_str();
  a.write(type, &p);
}

void SetAttribute(H5::H5Object& object, const std::string& name,
                  const std::vector<std::string>& values) {
  RemoveIfExists(object, name);
  const H5::StrType type = Utf8String();
  const hsize_t n = values.size();
  H5::Attribute a = object.createAttribute(name, type, H5::DataSpace(1, &n));
  std::vector<const char*> p;
  for (const std::string& v : values) p.push_back(v.c_str());
  if (!p.empty()) a.write(type, p.data());
}

void SetAttribute(H5::H5Object& object, const std::string& name, int64_t value) {
  RemoveIfExists(object, name);
  H5::Attribute a =
      object.createAttribute(name, H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR));
  a.write(H5::PredType::NATIVE_INT64, &value);
}

void SetAttribute(H5::H5Object& object, const std::string& name, uint64_t value) {
  RemoveIfExists(object, name);
  H5::Attribute a =
      object.createAttribute(name, H5::PredType::STD_U64LE, H5::DataSpace(H5S_SCALAR));
  a.write(H5::PredType::NATIVE_UINT64, &value);
}

void SetAttribute(H5::H5Object& object, const std::string& name, double value) {
  RemoveIfExists(object, name);
  H5::Attribute a =
      object.createAttribute(name, H5::PredType::IEEE_F64LE, H5::DataSpace(H5S_SCALAR));
  a.write(H5::PredType::NATIVE_DOUBLE, &value);
}

TableWriter::TableWriter(H5::Group& parent, const std::string& name, std::string description,
                         std::vector<ColumnSpec> columns, bool compress)
    : group_(CreateGroup(parent, name)) {
  std::vector<std::string> names;
  for (ColumnSpec& spec : columns) {
    const hsize_t zero = 0;
    const hsize_t unlimited = H5S_UNLIMITED;
    const hsize_t chunk = kChunkRows;
    H5::DSetCreatPropList plist;
    plist.setChunk(1, &chunk);
    if (compress) {
      plist.setShuffle();
      plist.setDeflate(4);
    }
    H5Pset_obj_track_times(plist.getId(), 0);
    Column c;
    c.dataset = group_.createDataSet(spec.name, FileType(spec.type),
                                     H5::DataSpace(1, &zero, &unlimited), plist);
    SetAttribute(c.dataset, "description", spec.description);
    if (!spec.unit.empty()) SetAttribute(c.dataset, "unit", spec.unit);
    if (!spec.labels.empty()) {
      std::vector<std::string> labels;
      const hsize_t n = spec.labels.size();
      std::vector<int64_t> codes;
      for (const auto& [code, label] : spec.labels) {
        codes.push_back(code);
        labels.push_back(label);
      }
      H5::Attribute a =
          c.dataset.createAttribute("label_codes", H5::PredType::STD_I64LE, H5::DataSpace(1, &n));
      a.write(H5::PredType::NATIVE_INT64, codes.data());
      SetAttribute(c.dataset, "labels", labels);
    }
    names.push_back(spec.name);
    c.spec = std::move(spec);
    columns_.push_back(std::move(c));
  }
  SetAttribute(group_, "description", description);
  SetAttribute(group_, "columns", names);
  SetAttribute(group_, "rows", int64_t{0});
}

void TableWriter::EndRow() {
  if (++buffered_ >= kChunkRows) Flush();
}

void TableWriter::WriteColumn(Column& c, int64_t count) {
  const auto n = static_cast<std::size_t>(count);
  const hsize_t total = static_cast<hsize_t>(rows_ + count);
  const hsize_t start = static_cast<hsize_t>(rows_);
  const hsize_t length = n;
  c.dataset.extend(&total);
  H5::DataSpace file_space = c.dataset.getSpace();
  file_space.selectHyperslab(H5S_SELECT_SET, &length, &start);
  const H5::DataSpace memory(1, &length);
  const auto check = [&c, n](std::size_t got) {
    RECOUP_CHECK_MSG(got == n, "results table column " + c.spec.name + ": " + std::to_string(got) +
                                   " values for " + std::to_string(n) + " rows");
  };
  switch (c.spec.type) {
    case ColumnType::kBool: {
      check(c.ints.size());
      const std::vector<int8_t> v = Narrow<int8_t>(c.ints, n);
      c.dataset.write(v.data(), BoolType(), memory, file_space);
      break;
    }
    case ColumnType::kInt8: {
      check(c.ints.size());
      const std::vector<int8_t> v = Narrow<int8_t>(c.ints, n);
      c.dataset.write(v.data(), H5::PredType::NATIVE_INT8, memory, file_space);
      break;
    }
    case ColumnType::kUint8: {
      check(c.ints.size());
      const std::vector<uint8_t> v = Narrow<uint8_t>(c.ints, n);
      c.dataset.write(v.data(), H5::PredType::NATIVE_UINT8, memory, file_space);
      break;
    }
    case ColumnType::kInt32: {
      check(c.ints.size());
      const std::vector<int32_t> v = Narrow<int32_t>(c.ints, n);
      c.dataset.write(v.data(), H5::PredType::NATIVE_INT32, memory, file_space);
      break;
    }
    case ColumnType::kUint32: {
      check(c.ints.size());
      const std::vector<uint32_t> v = Narrow<uint32_t>(c.ints, n);
      c.dataset.write(v.data(), H5::PredType::NATIVE_UINT32, memory, file_space);
      break;
    }
    case ColumnType::kInt64:
      check(c.ints.size());
      c.dataset.write(c.ints.data(), H5::PredType::NATIVE_INT64, memory, file_space);
      break;
    case ColumnType::kUint64:
      check(c.uints.size());
      c.dataset.write(c.uints.data(), H5::PredType::NATIVE_UINT64, memory, file_space);
      break;
    case ColumnType::kFloat64:
      check(c.doubles.size());
      c.dataset.write(c.doubles.data(), H5::PredType::NATIVE_DOUBLE, memory, file_space);
      break;
    case ColumnType::kString: {
      check(c.strings.size());
      std::vector<const char*> p;
      p.reserve(n);
      for (const std::string& s : c.strings) p.push_back(s.c_str());
      c.dataset.write(p.data(), Utf8String(), memory, file_space);
      break;
    }
  }
  c.ints.clear();
  c.uints.clear();
  c.doubles.clear();
  c.strings.clear();
}

void TableWriter::Flush() {
  if (buffered_ > 0) {
    for (Column& c : columns_) WriteColumn(c, buffered_);
    rows_ += buffered_;
    buffered_ = 0;
  }
  SetAttribute(group_, "rows", rows_);
}

}  // namespace recoup::sim::recording::h5
