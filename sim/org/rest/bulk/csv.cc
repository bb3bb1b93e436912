// csv.h: Bulk API 2.0 CSV options, reader and writer.
#include "sim/org/rest/bulk/csv.h"

#include <algorithm>
#include <utility>

namespace recoup::sim::org::rest::bulk {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct DelimiterInfo {
  ColumnDelimiter value;
  std::string_view name;
  char ch;
};
constexpr DelimiterInfo kDelimiters[] = {
    {ColumnDelimiter::kComma, "COMMA", ','}, {ColumnDelimiter::kTab, "TAB", '\t'},
    {ColumnDelimiter::kPipe, "PIPE", '|'},   {ColumnDelimiter::kSemicolon, "SEMICOLON", ';'},
    {ColumnDelimiter::kCaret, "CARET", '^'}, {ColumnDelimiter::kBackquote, "BACKQUOTE", '`'},
};

}  // namespace

std::string_view ColumnDelimiterName(ColumnDelimiter d) {
  return kDelimiters[static_cast<size_t>(d)].name;
}

std::string_view LineEndingName(LineEnding e) { return e == LineEnding::kLf ? "LF" : "CRLF"; }

std::optional<ColumnDelimiter> ParseColumnDelimiter(std::string_view name) {
  for (const DelimiterInfo& d : kDelimiters) {
    if (d.name == name) return d.value;
  }
  return std::nullopt;
}

std::optional<LineEnding> ParseLineEnding(std::string_view name) {
  if (name == "LF") return LineEnding::kLf;
  if (name == "CRLF") return LineEnding::kCrlf;
  return std::nullopt;
}

char DelimiterChar(ColumnDelimiter d) { return kDelimiters[static_cast<size_t>(d)].ch; }

std::string_view LineEndingText(LineEnding e) { return e == LineEnding::kLf ? "\n" : "\r\n"; }

CsvReader::CsvReader(std::string_view data, ColumnDelimiter delimiter, LineEnding line_ending)
    : data_(data), delimiter_(DelimiterChar(delimiter)), line_ending_(line_ending) {
  if (data_.substr(0, kBom.size()) == kBom) pos_ = kBom.size();
}

void CsvReader::Seek(size_t offset, size_t record, size_t line) {
  pos_ = std::min(offset, data_.size());
  record_ = record;
  line_ = line;
  error_.reset();
}

bool CsvReader::Fail(CsvError::Kind kind, std::string message, size_t record_line) {
  error_ = CsvError{kind, std::move(message), record_, record_line};
  return false;
}

bool CsvReader::AtTerminator(size_t p, size_t* len) {
  const char c = data_[p];
  const bool crlf = c == '\r' && p + 1 < data_.size() && data_[p + 1] == '\n';
  if (line_ending_ == LineEnding::kLf) {
    if (c == '\n') {
      *len = 1;
      return true;
    }
    if (crlf) {
      Fail(CsvError::Kind::kLineEnding, "found CRLF line ending; the job's lineEnding is LF",
           line_);
    }
    return false;
  }
  if (crlf) {
    *len = 2;
    return true;
  }
  if (c == '\n') {
    Fail(CsvError::Kind::kLineEnding, "found LF line ending; the job's lineEnding is CRLF", line_);
  }
  return false;
}

bool CsvReader::Next(std::vector<std::string>* cells) { return Read(cells); }

bool CsvReader::Skip() { return Read(nullptr); }

bool CsvReader::Read(std::vector<std::string>* cells) {
  if (error_) return false;
  const size_t size = data_.size();
  // Skip empty lines.
  while (pos_ < size) {
    size_t len = 0;
    if (AtTerminator(pos_, &len)) {
      pos_ += len;
      ++line_;
      continue;
    }
    if (error_) return false;
    break;
  }
  if (pos_ >= size) return false;
  const size_t record_line = line_;
  size_t used = 0;
  std::string* cell = nullptr;
  auto next_cell = [&] {
    if (cells == nullptr) {
      ++used;
      return;
    }
    if (used == cells->size()) cells->emplace_back();
    cell = &(*cells)[used++];
    cell->clear();
  };
  auto append = [&](std::string_view text) {
    if (cell != nullptr) cell->append(text);
  };
  next_cell();
  while (true) {
    if (pos_ < size && data_[pos_] == '"') {
      ++pos_;
      while (true) {
        const size_t quote = data_.find('"', pos_);
        const size_t end = quote == std::string_view::npos ? size : quote;
        const std::string_view chunk = data_.substr(pos_, end - pos_);
        append(chunk);
        line_ += static_cast<size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
        if (quote == std::string_view::npos) {
          pos_ = size;
          return Fail(CsvError::Kind::kMalformed, "unterminated quoted field", record_line);
        }
        pos_ = quote + 1;
        if (pos_ < size && data_[pos_] == '"') {
          append("\"");
          ++pos_;
          continue;
        }
        break;
      }
      if (pos_ >= size) break;
      if (data_[pos_] == delimiter_) {
        ++pos_;
        next_cell();
        continue;
      }
      size_t len = 0;
      if (AtTerminator(pos_, &len)) {
        pos_ += len;
        ++line_;
        break;
      }
      if (error_) return false;
      return Fail(CsvError::Kind::kMalformed,
                  "unexpected character after the closing quote of a field", record_line);
    }
    const size_t start = pos_;
    size_t terminator = 0;
    while (pos_ < size) {
      const char c = data_[pos_];
      if (c == delimiter_) break;
      if ((c == '\n' || c == '\r') && AtTerminator(pos_, &terminator)) break;
      if (error_) return false;
      ++pos_;
    }
    append(data_.substr(start, pos_ - start));
    if (pos_ >= size) break;
    if (terminator == 0) {  // the delimiter
      ++pos_;
      next_cell();
      continue;
    }
    pos_ += terminator;
    ++line_;
    break;
  }
  if (cells != nullptr) cells->resize(used);
  record_line_ = record_line;
  ++record_;
  return true;
}

void AppendCsvCell(std::string_view cell, char delimiter, bool always_quote, std::string* out) {
  const bool quote = always_quote ||
                     cell.find_first_of(std::string_view("\"\r\n", 3)) != std::string_view::npos ||
                     cell.find(delimiter) != std::string_view::npos;
  if (!quote) {
    out->append(cell);
    return;
  }
  out->push_back('"');
  size_t start = 0;
  while (true) {
    const size_t q = cell.find('"', start);
    if (q == std::string_view::npos) {
      out->append(cell.substr(start));
      break;
    }
    out->append(cell.substr(start, q + 1 - start));
    out->push_back('"');
    start = q + 1;
  }
  out->push_back('"');
}

void AppendCsvRecord(const std::vector<std::string>& cells, ColumnDelimiter delimiter,
                     LineEnding line_ending, bool always_quote, std::string* out) {
  const char d = DelimiterChar(delimiter);
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out->push_back(d);
    AppendCsvCell(cells[i], d, always_quote, out);
  }
  out->append(LineEndingText(line_ending));
}

}  // namespace recoup::sim::org::rest::bulk
