package com.penguinmails.crmsync.sandbox.salesforce.bulk;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.CSVWriter;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads and writes Bulk API 2.0 CSV with opencsv: RFC 4180 quoting, no trimming, the job's dialect. */
final class BulkCsv {

    private BulkCsv() {
    }

    /**
     * @throws IllegalArgumentException when the text is not valid CSV
     */
    static List<String[]> read(String text, CsvDialect dialect) {
        try (CSVReader reader = new CSVReaderBuilder(new StringReader(text))
                .withCSVParser(new CSVParserBuilder().withSeparator(dialect.separator()).withQuoteChar('"')
                        .withIgnoreLeadingWhiteSpace(false).build())
                .withKeepCarriageReturn(false).build()) {
            return reader.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CsvException e) {
            throw new IllegalArgumentException("invalid CSV at line " + e.getLineNumber() + ": " + e.getMessage(), e);
        }
    }

    static String write(List<String[]> rows, CsvDialect dialect) {
        StringWriter out = new StringWriter();
        try (CSVWriter writer = new CSVWriter(out, dialect.separator(), '"', '"', dialect.newline())) {
            writer.writeAll(rows, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
