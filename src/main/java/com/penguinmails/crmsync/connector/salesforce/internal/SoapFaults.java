package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.penguinmails.crmsync.connector.support.NetworkFailures;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.SoapFaultException;
import java.time.Duration;
import java.util.Set;

/**
 * Turns what the partner client throws into the failures the executor and the connector act on: INVALID_SESSION_ID
 * means refresh the token, REQUEST_LIMIT_EXCEEDED is the daily quota ("TotalRequests") or the concurrent-request
 * limit (wait and retry), lock contention, server errors and I/O failures are transient, and the replication and
 * query-locator faults get types of their own. Messages carry the operation and Salesforce's code only.
 */
final class SoapFaults {

    private static final Set<ExceptionCode> TRANSIENT = Set.of(ExceptionCode.UNABLE_TO_LOCK_ROW,
            ExceptionCode.SERVER_UNAVAILABLE, ExceptionCode.UNKNOWN_EXCEPTION, ExceptionCode.REQUEST_RUNNING_TOO_LONG,
            ExceptionCode.QUERY_TIMEOUT);

    private SoapFaults() {
    }

    /** The query locator expired or was released: read again from the cursor's position. */
    static final class QueryLocatorExpired extends CrmApiException {
        QueryLocatorExpired(String message) {
            super(message);
        }
    }

    /** INVALID_REPLICATION_DATE: the window is older than Salesforce keeps changes for, or empty. */
    static final class ReplicationDateRejected extends CrmApiException {
        ReplicationDateRejected(String message) {
            super(message);
        }
    }

    /** EXCEEDED_ID_LIMIT on a replication call: the window has too many changes for one call. */
    static final class TooManyIds extends CrmApiException {
        TooManyIds(String message) {
            super(message);
        }
    }

    /**
     * A write named a field the object does not have (INVALID_FIELD "No such column", or a Bulk API job's "Field
     * name not found"): Salesforce refused the whole call, so nothing of it was written.
     */
    static final class UnknownField extends CrmApiException {
        private final String field;

        UnknownField(String message, String field) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }

        /** The field a Salesforce message says does not exist, or null. */
        static @org.jspecify.annotations.Nullable String named(@org.jspecify.annotations.Nullable String message) {
            if (message == null) {
                return null;
            }
            java.util.regex.Matcher column = java.util.regex.Pattern.compile("No such column '([^']+)'")
                    .matcher(message);
            if (column.find()) {
                return column.group(1);
            }
            java.util.regex.Matcher bulk = java.util.regex.Pattern.compile("Field name not found : (\\S+)")
                    .matcher(message);
            return bulk.find() ? bulk.group(1) : null;
        }
    }

    static RuntimeException map(String connectionName, String operation, ConnectionException failure,
                                Duration concurrencyBackoff) {
        String prefix = connectionName + ": " + operation + " failed: ";
        if (failure instanceof ApiFault fault) {
            ExceptionCode code = fault.getExceptionCode();
            String text = prefix + code + " " + fault.getExceptionMessage();
            if (code == ExceptionCode.INVALID_SESSION_ID) {
                return new CrmApiException.Unauthorized(prefix + "INVALID_SESSION_ID");
            }
            if (code == ExceptionCode.REQUEST_LIMIT_EXCEEDED) {
                String message = String.valueOf(fault.getExceptionMessage());
                if (message.contains("TotalRequests")) {
                    return new CrmUnavailableException(CrmUnavailableException.Reason.QUOTA_EXHAUSTED, prefix
                            + "Salesforce's daily API request limit is spent (REQUEST_LIMIT_EXCEEDED); the connection "
                            + "resumes when the org's 24-hour allocation frees up");
                }
                return new CrmApiException.RateLimited(text, concurrencyBackoff);
            }
            if (code == ExceptionCode.INVALID_QUERY_LOCATOR) {
                return new QueryLocatorExpired(text);
            }
            if (code == ExceptionCode.INVALID_REPLICATION_DATE) {
                return new ReplicationDateRejected(text);
            }
            if (code == ExceptionCode.INVALID_FIELD && UnknownField.named(fault.getExceptionMessage()) != null) {
                return new UnknownField(text, UnknownField.named(fault.getExceptionMessage()));
            }
            if (code == ExceptionCode.EXCEEDED_ID_LIMIT) {
                return new TooManyIds(text);
            }
            if (TRANSIENT.contains(code)) {
                return new CrmApiException.Transient(text, failure);
            }
            return new CrmApiException(text, failure);
        }
        if (failure instanceof SoapFaultException soapFault) {
            String faultCode = soapFault.getFaultCode() == null ? "" : soapFault.getFaultCode().getLocalPart();
            String text = prefix + "SOAP fault " + faultCode + " " + soapFault.getMessage();
            return faultCode.contains("Server") ? new CrmApiException.Transient(text, failure)
                    : new CrmApiException(text, failure);
        }
        return new CrmApiException.Transient(prefix + NetworkFailures.describe(failure, null), failure);
    }
}
