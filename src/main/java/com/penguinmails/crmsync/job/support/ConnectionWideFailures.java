package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.credentials.CredentialsException;
import java.sql.SQLException;
import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Tells a failure that no record of a chunk causes from one a record may cause: the CRM down or refusing the
 * connection (its authorisation, its quota, a transient fault that outlived the retries), the database unreachable,
 * busy or refusing a statement as written (SQLSTATE classes of connections, transaction state, locks, resources,
 * operator intervention, syntax and access rules), the connection's own settings, an interruption. Those fail the
 * partition so that a restart resumes it; anything else is narrowed to the records that cause it.
 */
public final class ConnectionWideFailures {

    /** SQLSTATE classes (or codes) that never depend on a row's values. */
    private static final List<String> SQL_STATES = List.of("08", "0A", "25", "26", "28", "34", "3B", "3D", "3F",
            "40", "42", "53", "55", "57", "58", "F0", "XX");

    private ConnectionWideFailures() {
    }

    /** Whether {@code failure}, or anything it was caused by, is not a record's doing. */
    public static boolean test(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (connectionWide(t)) {
                return true;
            }
        }
        return false;
    }

    /** The CRM's refusal of the connection's authorisation in {@code failure}'s causes, if that is what it is. */
    public static java.util.Optional<CrmUnavailableException> authRevoked(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CrmUnavailableException e && e.reason() == CrmUnavailableException.Reason.AUTH_REVOKED) {
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean connectionWide(Throwable t) {
        if (t instanceof CrmUnavailableException || t instanceof CrmApiException.Transient
                || t instanceof CrmApiException.Unauthorized || t instanceof CredentialsException
                || t instanceof InvalidRequestException || t instanceof BeansException) {
            return true;
        }
        if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                || t instanceof RecoverableDataAccessException || t instanceof TransactionException) {
            return true;
        }
        if (t instanceof InterruptedException || t instanceof java.io.IOException
                || t instanceof java.io.UncheckedIOException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            return state != null && SQL_STATES.stream().anyMatch(state::startsWith);
        }
        return false;
    }
}
