package com.penguinmails.crmsync.job.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.UncategorizedSQLException;

class ConnectionWideFailuresTest {

    @Test
    void theCrmDownRefusingTheConnectionOrSpendingItsQuotaIsConnectionWide() {
        for (CrmUnavailableException.Reason reason : CrmUnavailableException.Reason.values()) {
            assertThat(ConnectionWideFailures.test(new IllegalStateException("wrapped",
                    new CrmUnavailableException(reason, "connection 1")))).as("%s", reason).isTrue();
        }
        assertThat(ConnectionWideFailures.test(new CrmApiException.Transient("HTTP 503"))).isTrue();
    }

    @Test
    void theDatabaseGoneBusyOrRefusingTheStatementIsConnectionWide() {
        assertThat(ConnectionWideFailures.test(new DataAccessResourceFailureException("gone"))).isTrue();
        assertThat(ConnectionWideFailures.test(sql("40P01"))).as("deadlock").isTrue();
        assertThat(ConnectionWideFailures.test(sql("57P01"))).as("admin shutdown").isTrue();
        assertThat(ConnectionWideFailures.test(sql("42703"))).as("undefined column").isTrue();
    }

    @Test
    void aValueOrConstraintRefusalOrAnUnknownCrmRefusalIsARecordsOwn() {
        assertThat(ConnectionWideFailures.test(new DataIntegrityViolationException("x",
                new SQLException("check", "23514")))).isFalse();
        assertThat(ConnectionWideFailures.test(sql("22001"))).as("value too long").isFalse();
        assertThat(ConnectionWideFailures.test(sql("P0001"))).as("raised by a trigger").isFalse();
        assertThat(ConnectionWideFailures.test(new CrmApiException("HTTP 400 SOMETHING_NEW"))).isFalse();
        assertThat(ConnectionWideFailures.test(new NullPointerException())).isFalse();
    }

    private static UncategorizedSQLException sql(String state) {
        return new UncategorizedSQLException("task", "SQL", new SQLException("ERROR: x", state));
    }
}
