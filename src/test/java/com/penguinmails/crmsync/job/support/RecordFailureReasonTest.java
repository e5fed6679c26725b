package com.penguinmails.crmsync.job.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.support.CrmApiException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;

class RecordFailureReasonTest {

    @Test
    void aPostgresRefusalGivesItsStateAndPrimaryMessageWithValuesMasked() {
        var failure = new DataIntegrityViolationException("PreparedStatementCallback; SQL [INSERT ...]",
                new SQLException("ERROR: invalid input syntax for type integer: \"forty two\"\n  Detail: "
                        + "Failing row contains (ada@example.com)", "22P02"));
        assertThat(RecordFailureReason.of(failure))
                .isEqualTo("PostgreSQL refused it (22P02): invalid input syntax for type integer: \"\u2026\"");
    }

    @Test
    void aRaisedExceptionKeepsItsMessageButNoAddress() {
        var failure = new UncategorizedSQLException("insert", "INSERT ...",
                new SQLException("ERROR: no penguins like ada@example.com", "P0001"));
        assertThat(RecordFailureReason.of(failure))
                .isEqualTo("PostgreSQL refused it (P0001): no penguins like \u2026");
    }

    @Test
    void aCrmRefusalIsWordedAsTheConnectorWordsIt() {
        assertThat(RecordFailureReason.of(new CrmApiException("contacts batch upsert refused: HTTP 400 WEIRD_ERROR")))
                .isEqualTo("the CRM refused it: contacts batch upsert refused: HTTP 400 WEIRD_ERROR");
    }

    @Test
    void anythingElseIsItsTypeAndFirstLineWithQuotedTextMasked() {
        assertThat(RecordFailureReason.of(new NumberFormatException("For input string: \"12abc\"\nmore")))
                .isEqualTo("NumberFormatException: For input string: \"\u2026\"");
        assertThat(RecordFailureReason.of(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
