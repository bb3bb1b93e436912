// Unit tests of the Bulk API 2.0 CSV code (sim/org/rest/bulk/csv.h) and of the small formats the
// Bulk results use (row errors, query locators): RFC 4180 quoting, both line endings, every column
// delimiter, the errors Salesforce reports for bad uploads, resuming, and a writer/reader round
// trip over every short cell made of the characters that need care.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/org/rest/bulk/csv.h"
#include "sim/org/rest/bulk/ingest_job.h"
#include "sim/org/rest/bulk/query_job.h"

namespace recoup::sim::org::rest::bulk {
namespace {

using Records = std::vector<std::vector<std::string>>;

Records ReadAll(std::string_view data, ColumnDelimiter d = ColumnDelimiter::kComma,
                LineEnding e = LineEnding::kLf, std::optional<CsvError>* error = nullptr) {
  CsvReader reader(data, d, e);
  Records out;
  std::vector<std::string> cells;
  while (reader.Next(&cells)) out.push_back(cells);
  if (error != nullptr) *error = reader.error();
  return out;
}

TEST(BulkCsvOptions, NamesParseExactlyAndMapToCharacters) {
  struct Case {
    const char* name;
    ColumnDelimiter value;
    char ch;
  };
  for (const Case& c :
       {Case{"COMMA", ColumnDelimiter::kComma, ','}, Case{"TAB", ColumnDelimiter::kTab, '\t'},
        Case{"PIPE", ColumnDelimiter::kPipe, '|'},
        Case{"SEMICOLON", ColumnDelimiter::kSemicolon, ';'},
        Case{"CARET", ColumnDelimiter::kCaret, '^'},
        Case{"BACKQUOTE", ColumnDelimiter::kBackquote, '`'}}) {
    ASSERT_EQ(ParseColumnDelimiter(c.name), c.value) << c.name;
    EXPECT_EQ(ColumnDelimiterName(c.value), c.name);
    EXPECT_EQ(DelimiterChar(c.value), c.ch);
  }
  EXPECT_FALSE(ParseColumnDelimiter("comma").has_value());
  EXPECT_FALSE(ParseColumnDelimiter(",").has_value());
  EXPECT_EQ(ParseLineEnding("LF"), LineEnding::kLf);
  EXPECT_EQ(ParseLineEnding("CRLF"), LineEnding::kCrlf);
  EXPECT_FALSE(ParseLineEnding("CR").has_value());
  EXPECT_FALSE(ParseLineEnding("lf").has_value());
  EXPECT_EQ(LineEndingText(LineEnding::kCrlf), "\r\n");
}

TEST(BulkCsvReader, ReadsQuotedCellsWithDelimitersQuotesAndLineBreaks) {
  const Records lf = ReadAll(
      "Name,Notes\n"
      "plain,\"has, comma\"\n"
      "\"say \"\"hi\"\"\",\"two\nlines\"\n"
      "\"\",\n"
      "a\"b,\"crlf\r\ninside\"\n");
  const Records expected = {{"Name", "Notes"},
                            {"plain", "has, comma"},
                            {"say \"hi\"", "two\nlines"},
                            {"", ""},
                            {"a\"b", "crlf\r\ninside"}};
  EXPECT_EQ(lf, expected);
  const Records crlf = ReadAll(
      "Name,Notes\r\nplain,\"has, comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n\"\",\r\n"
      "a\"b,\"crlf\r\ninside\"\r\n",
      ColumnDelimiter::kComma, LineEnding::kCrlf);
  EXPECT_EQ(crlf, expected);
}

TEST(BulkCsvReader, EdgesOfRecords) {
  // No final line ending; trailing delimiter = empty last cell; spaces are data.
  EXPECT_EQ(ReadAll("a,b\nc,"), (Records{{"a", "b"}, {"c", ""}}));
  EXPECT_EQ(ReadAll(" a , b \n"), (Records{{" a ", " b "}}));
  // Blank lines anywhere are skipped; a byte-order mark at the start is dropped.
  EXPECT_EQ(ReadAll("\n\na\n\n\nb\n\n"), (Records{{"a"}, {"b"}}));
  EXPECT_EQ(ReadAll("\xEF\xBB\xBFId\nx\n"), (Records{{"Id"}, {"x"}}));
  // A lone CR is data in both modes.
  EXPECT_EQ(ReadAll("a\rb,c\n"), (Records{{"a\rb", "c"}}));
  EXPECT_EQ(ReadAll("a\rb,c\r\n", ColumnDelimiter::kComma, LineEnding::kCrlf),
            (Records{{"a\rb", "c"}}));
  EXPECT_TRUE(ReadAll("").empty());
  EXPECT_TRUE(ReadAll("\n\n").empty());
}

TEST(BulkCsvReader, EveryDelimiter) {
  for (ColumnDelimiter d :
       {ColumnDelimiter::kComma, ColumnDelimiter::kTab, ColumnDelimiter::kPipe,
        ColumnDelimiter::kSemicolon, ColumnDelimiter::kCaret, ColumnDelimiter::kBackquote}) {
    const char c = DelimiterChar(d);
    std::string data = "x" + std::string(1, c) + "\"q" + std::string(1, c) + "r\"" +
                       std::string(1, c) + "," + "\n";
    // The comma is plain data unless it is the delimiter.
    const Records got = ReadAll(data, d);
    if (d == ColumnDelimiter::kComma) {
      EXPECT_EQ(got, (Records{{"x", "q,r", "", ""}}));
    } else {
      EXPECT_EQ(got, (Records{{"x", "q" + std::string(1, c) + "r", ","}}))
          << ColumnDelimiterName(d);
    }
  }
}

TEST(BulkCsvReader, ErrorsNameTheRecordAndLine) {
  struct Case {
    std::string data;
    LineEnding ending;
    CsvError::Kind kind;
    std::string message;
    size_t record;
    size_t line;
    size_t good_records;
  };
  const std::vector<Case> cases = {
      {"a,b\r\nc,d\r\n", LineEnding::kLf, CsvError::Kind::kLineEnding,
       "found CRLF line ending; the job's lineEnding is LF", 0, 1, 0},
      {"a,b\nc,d\r\n", LineEnding::kLf, CsvError::Kind::kLineEnding,
       "found CRLF line ending; the job's lineEnding is LF", 1, 2, 1},
      {"a,b\r\nc,d\n", LineEnding::kCrlf, CsvError::Kind::kLineEnding,
       "found LF line ending; the job's lineEnding is CRLF", 1, 2, 1},
      {"a,\"b\nc\"\n\"open,d\n", LineEnding::kLf, CsvError::Kind::kMalformed,
       "unterminated quoted field", 1, 3, 1},
      {"a,\"b\"x\n", LineEnding::kLf, CsvError::Kind::kMalformed,
       "unexpected character after the closing quote of a field", 0, 1, 0},
      {"h\n\"a\"\r\n", LineEnding::kLf, CsvError::Kind::kLineEnding,
       "found CRLF line ending; the job's lineEnding is LF", 1, 2, 1},
  };
  for (const Case& c : cases) {
    std::optional<CsvError> error;
    const Records got = ReadAll(c.data, ColumnDelimiter::kComma, c.ending, &error);
    ASSERT_TRUE(error.has_value()) << c.data;
    EXPECT_EQ(error->kind, c.kind) << c.data;
    EXPECT_EQ(error->message, c.message) << c.data;
    EXPECT_EQ(error->record, c.record) << c.data;
    EXPECT_EQ(error->line, c.line) << c.data;
    EXPECT_EQ(got.size(), c.good_records) << c.data;
  }
}

TEST(BulkCsvReader, SeekResumesAndCountsRecordsAndLines) {
  const std::string data = "h\n\"x\ny\"\n\nz\nw";
  CsvReader reader(data, ColumnDelimiter::kComma, LineEnding::kLf);
  std::vector<std::string> cells;
  ASSERT_TRUE(reader.Next(&cells));
  ASSERT_TRUE(reader.Skip());
  EXPECT_EQ(reader.record_line(), 2u);
  const size_t offset = reader.offset();
  const size_t records = reader.records_read();
  const size_t line = reader.line();
  EXPECT_EQ(records, 2u);
  EXPECT_EQ(line, 4u);
  ASSERT_TRUE(reader.Next(&cells));
  EXPECT_EQ(cells, std::vector<std::string>{"z"});
  EXPECT_EQ(reader.record_line(), 5u);
  CsvReader resumed(data, ColumnDelimiter::kComma, LineEnding::kLf);
  resumed.Seek(offset, records, line);
  ASSERT_TRUE(resumed.Next(&cells));
  EXPECT_EQ(cells, std::vector<std::string>{"z"});
  ASSERT_TRUE(resumed.Next(&cells));
  EXPECT_EQ(cells, std::vector<std::string>{"w"});
  EXPECT_EQ(resumed.records_read(), 4u);
  EXPECT_FALSE(resumed.Next(&cells));
  EXPECT_FALSE(resumed.error().has_value());
}

TEST(BulkCsvWriter, QuotesOnlyWhenNeededUnlessAsked) {
  std::string out;
  AppendCsvCell("plain", ',', false, &out);
  EXPECT_EQ(out, "plain");
  out.clear();
  AppendCsvCell("a,b", ',', false, &out);
  EXPECT_EQ(out, "\"a,b\"");
  out.clear();
  AppendCsvCell("a,b", '|', false, &out);
  EXPECT_EQ(out, "a,b");
  out.clear();
  AppendCsvCell("say \"hi\"", ',', false, &out);
  EXPECT_EQ(out, "\"say \"\"hi\"\"\"");
  out.clear();
  AppendCsvCell("", ',', true, &out);
  EXPECT_EQ(out, "\"\"");
  out.clear();
  AppendCsvRecord({"a", "b\nc", ""}, ColumnDelimiter::kTab, LineEnding::kCrlf, false, &out);
  EXPECT_EQ(out, "a\t\"b\nc\"\t\r\n");
}

// Every cell of up to 3 characters over {a, ',', '"', CR, LF, ' '} survives writing and reading
// back, alone (always quoted) and between two plain cells (minimal quoting), with both line
// endings.
TEST(BulkCsvRoundTrip, EveryShortTrickyCell) {
  const std::string alphabet = std::string("a,\"\r\n ", 6);
  std::vector<std::string> cells = {""};
  for (size_t len = 1; len <= 3; ++len) {
    std::vector<std::string> next;
    for (const std::string& prefix : cells) {
      if (prefix.size() != len - 1) continue;
      for (char c : alphabet) next.push_back(prefix + c);
    }
    cells.insert(cells.end(), next.begin(), next.end());
  }
  ASSERT_EQ(cells.size(), 1u + 6u + 36u + 216u);
  for (LineEnding e : {LineEnding::kLf, LineEnding::kCrlf}) {
    std::string data;
    Records expected;
    for (const std::string& cell : cells) {
      AppendCsvRecord({cell}, ColumnDelimiter::kComma, e, true, &data);
      expected.push_back({cell});
      AppendCsvRecord({"x", cell, "y"}, ColumnDelimiter::kComma, e, false, &data);
      expected.push_back({"x", cell, "y"});
    }
    std::optional<CsvError> error;
    const Records got = ReadAll(data, ColumnDelimiter::kComma, e, &error);
    EXPECT_FALSE(error.has_value()) << error->message;
    EXPECT_EQ(got, expected);
  }
}

TEST(BulkFormats, RowErrorsAndLocators) {
  EXPECT_EQ(FormatRowError(MakeSfError(400, "REQUIRED_FIELD_MISSING",
                                       "Required fields are missing: [Name]", {"Name"})),
            "REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --");
  EXPECT_EQ(FormatRowError(MakeSfError(400, "X", "m", {"A", "B"})), "X:m:A,B --");
  EXPECT_EQ(FormatRowError(MakeSfError(400, "ENTITY_IS_DELETED", "entity is deleted")),
            "ENTITY_IS_DELETED:entity is deleted:--");
  EXPECT_EQ(EncodeLocator(1000), "MTAwMA");
  EXPECT_EQ(EncodeLocator(10000), "MTAwMDA");
  EXPECT_EQ(DecodeLocator("MTAwMA", 2500), 1000u);
  EXPECT_EQ(DecodeLocator("MTAwMA==", 2500), 1000u);
  EXPECT_EQ(DecodeLocator(EncodeLocator(2500), 2500), 2500u);
  EXPECT_FALSE(DecodeLocator(EncodeLocator(2501), 2500).has_value());
  EXPECT_FALSE(DecodeLocator("null", 2500).has_value());
  EXPECT_FALSE(DecodeLocator("", 2500).has_value());
  EXPECT_FALSE(DecodeLocator("!!!!", 2500).has_value());
  EXPECT_FALSE(DecodeLocator("LTE", 2500).has_value());  // "-1"
}

}  // namespace
}  // namespace recoup::sim::org::rest::bulk
