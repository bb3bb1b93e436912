// CSV for Bulk API 2.0 (reference/salesforce-api.md section 4): the job options that shape it
// (columnDelimiter, lineEnding), a reader for uploaded job data and a writer for result files.
//
// Reading follows RFC 4180 with the job's delimiter and line ending:
// - A record ends at the job's line ending ("\n" for LF, "\r\n" for CRLF) outside quotes, or at the
//   end of the data (the last record needs no terminator). Salesforce rejects data whose line
//   endings do not match the job ("LineEnding is invalid on user data"), so a "\r\n" outside quotes
//   in an LF job, or a bare "\n" outside quotes in a CRLF job, is an error (kLineEnding). A lone
//   "\r" not followed by "\n" is ordinary cell data.
// - A cell that starts with '"' is quoted: it runs to the next '"' not doubled ("" is one quote)
//   and may hold delimiters and line breaks; after the closing quote only the delimiter, the line
//   ending or the end of the data may follow (kMalformed otherwise); the end of the data inside a
//   quoted cell is kMalformed. A '"' inside an unquoted cell is kept as data (lenient, as most
//   producers expect). Spaces are data: nothing is trimmed.
// - Empty lines (a line ending right where a record starts) are skipped; a UTF-8 byte-order mark
//   at the very start of the data is skipped.
// The reader never allocates per cell beyond growing the caller's strings, and never reads past
// the data; any input gives records or an error, never a crash.
//
// Writing: AppendCsvCell quotes a cell when it must (it holds the delimiter, '"', '\r' or '\n') or
// when asked to (Salesforce quotes every value of result files), doubling inner quotes.
#ifndef RECOUP_SIM_ORG_REST_BULK_CSV_H_
#define RECOUP_SIM_ORG_REST_BULK_CSV_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recoup::sim::org::rest::bulk {

// The columnDelimiter job option.
enum class ColumnDelimiter : uint8_t { kComma, kTab, kPipe, kSemicolon, kCaret, kBackquote };
// The lineEnding job option.
enum class LineEnding : uint8_t { kLf, kCrlf };

// "COMMA", "TAB", "PIPE", "SEMICOLON", "CARET", "BACKQUOTE" / "LF", "CRLF".
std::string_view ColumnDelimiterName(ColumnDelimiter d);
std::string_view LineEndingName(LineEnding e);
// Parses the exact (case-sensitive, as Salesforce's enum names) option value; nullopt otherwise.
std::optional<ColumnDelimiter> ParseColumnDelimiter(std::string_view name);
std::optional<LineEnding> ParseLineEnding(std::string_view name);
// ',', '\t', '|', ';', '^', '`'.
char DelimiterChar(ColumnDelimiter d);
// "\n" or "\r\n".
std::string_view LineEndingText(LineEnding e);

// What went wrong while reading.
struct CsvError {
  enum class Kind : uint8_t { kLineEnding, kMalformed };
  Kind kind = Kind::kMalformed;
  std::string message;  // e.g. "unterminated quoted field" (no position)
  size_t record = 0;    // 0-based record (the header is record 0)
  size_t line = 0;      // 1-based physical line where the record starts
};

class CsvReader {
 public:
  // Reads `data` (not owned: it must outlive the reader and not change).
  CsvReader(std::string_view data, ColumnDelimiter delimiter, LineEnding line_ending);

  // Reads the next record into *cells (resized to the record's cell count; the strings' capacity
  // is reused). Returns false at the end of the data or on an error (then error() is set and every
  // later call returns false).
  bool Next(std::vector<std::string>* cells);

  // Skips the next record without keeping its cells; same return value and errors as Next.
  bool Skip();

  const std::optional<CsvError>& error() const { return error_; }
  // Byte offset of the next record (after skipped empty lines are consumed lazily: an offset is a
  // valid place to Seek to).
  size_t offset() const { return pos_; }
  // Records returned so far (including the header), the next record's 0-based number.
  size_t records_read() const { return record_; }
  // Continues reading at `offset` (a value offset() returned earlier), as record number `record`,
  // starting on physical line `line`; clears any error.
  void Seek(size_t offset, size_t record, size_t line);
  size_t line() const { return line_; }
  // The 1-based physical line where the record last returned by Next/Skip started.
  size_t record_line() const { return record_line_; }

 private:
  bool Read(std::vector<std::string>* cells);
  // True when a line ending of the job's kind starts at `p` (sets *len); records a kLineEnding
  // error and returns false when the other kind does.
  bool AtTerminator(size_t p, size_t* len);
  bool Fail(CsvError::Kind kind, std::string message, size_t record_line);

  std::string_view data_;
  char delimiter_;
  LineEnding line_ending_;
  size_t pos_ = 0;
  size_t record_ = 0;
  size_t line_ = 1;
  size_t record_line_ = 0;
  std::optional<CsvError> error_;
};

// Appends `cell` to *out, quoted when it holds the delimiter, '"', '\r' or '\n', or when
// `always_quote`.
void AppendCsvCell(std::string_view cell, char delimiter, bool always_quote, std::string* out);

// Appends the cells separated by `delimiter`, then the line ending.
void AppendCsvRecord(const std::vector<std::string>& cells, ColumnDelimiter delimiter,
                     LineEnding line_ending, bool always_quote, std::string* out);

}  // namespace recoup::sim::org::rest::bulk

#endif  // RECOUP_SIM_ORG_REST_BULK_CSV_H_
