// Data files (data_file.h): JSON data files and CSV directories loaded into an Org, all or nothing.
#include "sim/org/service/data_file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <system_error>

#include "sim/org/json_file_error.h"
#include "sim/org/record_input.h"
#include "sim/org/schema_extension.h"
#include "sim/org/value_parse.h"

namespace recoup::sim::org {
namespace {

using nlohmann::ordered_json;

std::string JsonTypeName(const ordered_json& value) {
  if (value.is_array()) return "array";
  if (value.is_object()) return "object";
  if (value.is_string()) return "string";
  if (value.is_boolean()) return "boolean";
  if (value.is_null()) return "null";
  return "number";
}

std::string Describe(const SfError& error) { return error.error_code + ": " + error.message; }

// The record object `name` names, or an error naming `where`.
StatusOr<const ObjectDef*> RecordObject(const Schema& schema, std::string_view name,
                                        const std::string& where) {
  const ObjectDef* object = schema.FindObject(name);
  if (object == nullptr) {
    return InvalidArgumentError(where + ": no such record object in the schema");
  }
  if (object->is_platform_event()) {
    return InvalidArgumentError(where + ": " + object->name() +
                                " is a platform event; a data file holds records only");
  }
  return object;
}

// Runs `load` inside one store transaction of a session: committed when it succeeds, rolled back
// (the store exactly as before) when it fails.
template <typename Fn>
StatusOr<DataLoadSummary> InTransaction(Org& org, Fn&& load) {
  Org::Session session = org.Lock();
  session.store().Begin();
  DataLoadSummary summary;
  Status loaded = load(session, &summary);
  if (!loaded.ok()) {
    session.store().Rollback();
    return loaded;
  }
  session.store().Commit();
  return summary;
}

void Count(DataLoadSummary* summary, const ObjectDef& object, size_t n) {
  summary->objects.emplace_back(object.name(), n);
  summary->total += n;
}

Status LoadJsonRecords(Org::Session& session, const ordered_json& doc, std::string_view source,
                       Timestamp now, DataLoadSummary* summary) {
  const std::string src(source);
  if (!doc.is_object()) {
    return InvalidArgumentError(src + ": expected a JSON object with a \"records\" member, got " +
                                JsonTypeName(doc));
  }
  for (const auto& [key, value] : doc.items()) {
    (void)value;
    if (key != "records") {
      return InvalidArgumentError(src + ": unknown member \"" + key + "\" (expected records)");
    }
  }
  const auto records = doc.find("records");
  if (records == doc.end()) return OkStatus();  // an empty org
  if (!records->is_object()) {
    return InvalidArgumentError(src + ": records: expected an object, got " +
                                JsonTypeName(*records));
  }
  const Schema& schema = session.schema();
  const SfId user = OrgUserId(0);
  for (const auto& [name, list] : records->items()) {
    const std::string where = src + ": records." + name;
    StatusOr<const ObjectDef*> object = RecordObject(schema, name, where);
    if (!object.ok()) return object.status();
    if (!list.is_array()) {
      return InvalidArgumentError(where + ": expected an array of records, got " +
                                  JsonTypeName(list));
    }
    for (size_t i = 0; i < list.size(); ++i) {
      const nlohmann::json body(list[i]);
      SfOr<RecordInput> input = RecordInputFromJson(**object, schema, body);
      std::optional<SfError> error;
      if (!input.ok()) {
        error = input.error();
      } else {
        SfOr<SfId> id = session.store().Create(**object, *input, now, user);
        if (!id.ok()) error = id.error();
      }
      if (error.has_value()) {
        return InvalidArgumentError(where + "[" + std::to_string(i) + "]: " + Describe(*error));
      }
    }
    Count(summary, **object, list.size());
  }
  return OkStatus();
}

// RFC 4180 records: comma-separated cells, double quotes around cells that hold commas, quotes or
// line ends (a quote inside is doubled), LF or CRLF between records.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // a UTF-8 byte order mark
  }

  // Reads the next record into *cells; false at the end. *line is the 1-based line it starts on.
  // An unterminated quote or a stray character after a closing quote is an error (InvalidArgument
  // with the line).
  StatusOr<bool> Next(std::vector<std::string>* cells, size_t* line) {
    cells->clear();
    if (pos_ >= text_.size()) return false;
    *line = line_;
    std::string cell;
    while (true) {
      if (pos_ < text_.size() && text_[pos_] == '"') {
        ++pos_;
        while (true) {
          if (pos_ >= text_.size()) return Error(*line, "a quoted cell is not closed");
          const char c = text_[pos_++];
          if (c == '"') {
            if (pos_ < text_.size() && text_[pos_] == '"') {
              cell += '"';
              ++pos_;
              continue;
            }
            break;
          }
          if (c == '\n') ++line_;
          cell += c;
        }
        if (pos_ < text_.size() && text_[pos_] != ',' && EndOfLine() == 0) {
          return Error(line_, "unexpected text after a closing quote");
        }
      } else {
        while (pos_ < text_.size() && text_[pos_] != ',' && EndOfLine() == 0) {
          cell += text_[pos_++];
        }
      }
      cells->push_back(std::move(cell));
      cell.clear();
      if (pos_ >= text_.size()) return true;
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      pos_ += EndOfLine();
      ++line_;
      return true;
    }
  }

 private:
  // The length of the line end at pos_: 1 for LF, 2 for CRLF, 0 otherwise.
  size_t EndOfLine() const {
    if (text_[pos_] == '\n') return 1;
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') return 2;
    return 0;
  }

  Status Error(size_t line, const std::string& what) const {
    return InvalidArgumentError(std::to_string(line) + ": " + what);
  }

  std::string_view text_;
  size_t pos_ = 0;
  size_t line_ = 1;
};

Status LoadCsvRecords(Org::Session& session, const ObjectDef& object, std::string_view text,
                      std::string_view source, Timestamp now, DataLoadSummary* summary) {
  const std::string src(source);
  const Schema& schema = session.schema();
  CsvReader reader(text);
  std::vector<std::string> cells;
  size_t line = 1;
  StatusOr<bool> got = reader.Next(&cells, &line);
  if (!got.ok()) return InvalidArgumentError(src + ":" + std::string(got.status().message()));
  if (!*got) return InvalidArgumentError(src + ": empty file; expected a header row");
  std::vector<CsvColumn> columns;
  for (const std::string& cell : cells) {
    SfOr<CsvColumn> column = ResolveCsvColumn(object, schema, cell);
    if (!column.ok()) return InvalidArgumentError(src + ":1: " + Describe(column.error()));
    columns.push_back(*column);
  }
  const SfId user = OrgUserId(0);
  size_t created = 0;
  while (true) {
    got = reader.Next(&cells, &line);
    if (!got.ok()) return InvalidArgumentError(src + ":" + std::string(got.status().message()));
    if (!*got) break;
    if (cells.size() == 1 && cells[0].empty()) continue;  // a blank line
    const std::string where = src + ":" + std::to_string(line);
    if (cells.size() != columns.size()) {
      return InvalidArgumentError(where + ": " + std::to_string(cells.size()) +
                                  " cells, but the header has " + std::to_string(columns.size()));
    }
    RecordInput input;
    std::optional<SfError> error;
    for (size_t c = 0; c < cells.size() && !error.has_value(); ++c) {
      const CsvColumn& column = columns[c];
      const FieldDef& value_field =
          column.foreign_key_field != nullptr ? *column.foreign_key_field : *column.field;
      SfOr<std::optional<FieldValue>> value = FieldValueFromCsv(value_field, cells[c]);
      if (!value.ok()) {
        error = value.error();
      } else if (value->has_value()) {
        input.push_back(FieldInput{column.field, std::move(**value), column.foreign_key_field});
      }
    }
    if (!error.has_value()) {
      SfOr<SfId> id = session.store().Create(object, input, now, user);
      if (!id.ok()) error = id.error();
    }
    if (error.has_value()) return InvalidArgumentError(where + ": " + Describe(*error));
    ++created;
  }
  Count(summary, object, created);
  return OkStatus();
}

std::optional<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

StatusOr<DataLoadSummary> LoadCsvDirectory(Org& org, const std::string& dir, Timestamp now) {
  // (object index, path): files in the schema's object order.
  std::vector<std::pair<int, std::filesystem::path>> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::filesystem::path& p = it->path();
    if (p.extension() != ".csv") continue;
    const std::string shown = (std::filesystem::path(dir) / p.filename()).string();
    StatusOr<const ObjectDef*> object = RecordObject(org.schema(), p.stem().string(), shown);
    if (!object.ok()) return object.status();
    for (const auto& [index, other] : files) {
      if (index == (*object)->index()) {
        return InvalidArgumentError(shown + ": " + (*object)->name() + " already loaded from " +
                                    other.string());
      }
    }
    files.emplace_back((*object)->index(), std::filesystem::path(shown));
  }
  if (ec) return NotFoundError("cannot read " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  return InTransaction(org, [&](Org::Session& session, DataLoadSummary* summary) -> Status {
    for (const auto& [index, path] : files) {
      const std::optional<std::string> text = ReadFile(path);
      if (!text.has_value()) return NotFoundError("cannot read " + path.string());
      RECOUP_RETURN_IF_ERROR(LoadCsvRecords(session, session.schema().object(index), *text,
                                            path.string(), now, summary));
    }
    return OkStatus();
  });
}

}  // namespace

StatusOr<DataLoadSummary> LoadDataJson(Org& org, std::string_view text,
                                       std::string_view source_name, Timestamp now) {
  ordered_json doc;
  try {
    doc = ordered_json::parse(text.begin(), text.end());
  } catch (const ordered_json::parse_error& e) {
    return MalformedJsonError(source_name, text, e.byte, e.what());
  }
  return InTransaction(org, [&](Org::Session& session, DataLoadSummary* summary) {
    return LoadJsonRecords(session, doc, source_name, now, summary);
  });
}

StatusOr<DataLoadSummary> LoadObjectCsv(Org& org, const ObjectDef& object, std::string_view text,
                                        std::string_view source_name, Timestamp now) {
  return InTransaction(org, [&](Org::Session& session, DataLoadSummary* summary) {
    return LoadCsvRecords(session, object, text, source_name, now, summary);
  });
}

StatusOr<DataLoadSummary> LoadDataPath(Org& org, const std::string& path, Timestamp now) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return LoadCsvDirectory(org, path, now);
  const std::optional<std::string> text = ReadFile(path);
  if (!text.has_value()) return NotFoundError("cannot read " + path);
  return LoadDataJson(org, *text, path, now);
}

Status ExtendSchemaFromFile(const std::string& path, Schema* schema) {
  const std::optional<std::string> text = ReadFile(path);
  if (!text.has_value()) return NotFoundError("cannot read " + path);
  StatusOr<SchemaExtension> extension = ParseSchemaExtension(*text, path);
  if (!extension.ok()) return extension.status();
  return ApplySchemaExtension(*extension, schema);
}

}  // namespace recoup::sim::org
