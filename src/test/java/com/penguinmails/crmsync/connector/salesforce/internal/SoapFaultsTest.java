package com.penguinmails.crmsync.connector.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.soap.partner.fault.InvalidQueryLocatorFault;
import com.sforce.soap.partner.fault.UnexpectedErrorFault;
import com.sforce.ws.ConnectionException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SoapFaultsTest {

    @Test
    void anInvalidSessionAsksForAFreshToken() {
        // when
        RuntimeException mapped = map(fault(ExceptionCode.INVALID_SESSION_ID, "Session expired or invalid"));
        // then
        assertThat(mapped).isInstanceOf(CrmApiException.Unauthorized.class);
    }

    @Test
    void theDailyLimitStopsTheConnectionAndTheConcurrencyLimitWaits() {
        // when
        RuntimeException daily = map(fault(ExceptionCode.REQUEST_LIMIT_EXCEEDED, "TotalRequests Limit exceeded."));
        RuntimeException concurrent = map(fault(ExceptionCode.REQUEST_LIMIT_EXCEEDED,
                "ConcurrentPerOrgLongTxn Limit exceeded."));
        // then
        assertThat(daily).isInstanceOfSatisfying(CrmUnavailableException.class,
                e -> assertThat(e.reason()).isEqualTo(CrmUnavailableException.Reason.QUOTA_EXHAUSTED));
        assertThat(concurrent).isInstanceOfSatisfying(CrmApiException.RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(250)));
    }

    @Test
    void locksServerErrorsAndDroppedConnectionsAreTransient() {
        // when / then
        assertThat(map(fault(ExceptionCode.UNABLE_TO_LOCK_ROW, "unable to obtain exclusive access")))
                .isInstanceOf(CrmApiException.Transient.class);
        assertThat(map(fault(ExceptionCode.UNKNOWN_EXCEPTION, "An unexpected error occurred")))
                .isInstanceOf(CrmApiException.Transient.class);
        assertThat(map(new ConnectionException("Failed to send request", new IOException("Connection reset"))))
                .isInstanceOf(CrmApiException.Transient.class);
    }

    @Test
    void anExpiredLocatorAndAnUnreplicableWindowGetTheirOwnTypes() {
        // given
        InvalidQueryLocatorFault locator = new InvalidQueryLocatorFault();
        locator.setExceptionCode(ExceptionCode.INVALID_QUERY_LOCATOR);
        // when / then
        assertThat(map(locator)).isInstanceOf(SoapFaults.QueryLocatorExpired.class);
        assertThat(map(fault(ExceptionCode.INVALID_REPLICATION_DATE, "startDate cannot be more than 30 days ago")))
                .isInstanceOf(SoapFaults.ReplicationDateRejected.class);
    }

    @Test
    void otherFaultsFailTheCallNamingTheConnectionOperationAndCode() {
        // when
        RuntimeException mapped = map(fault(ExceptionCode.INVALID_TYPE, "sObject type 'Opportunity' is not "
                + "supported"));
        // then
        assertThat(mapped).isExactlyInstanceOf(CrmApiException.class)
                .hasMessageStartingWith("connection 1: query Contact failed: INVALID_TYPE");
    }

    private static RuntimeException map(ConnectionException failure) {
        return SoapFaults.map("connection 1", "query Contact", failure, Duration.ofMillis(250));
    }

    private static UnexpectedErrorFault fault(ExceptionCode code, String message) {
        UnexpectedErrorFault fault = new UnexpectedErrorFault();
        fault.setExceptionCode(code);
        fault.setExceptionMessage(message);
        return fault;
    }
}
