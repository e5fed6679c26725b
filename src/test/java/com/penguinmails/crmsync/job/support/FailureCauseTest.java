package com.penguinmails.crmsync.job.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.support.CrmUnavailableException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.FatalStepExecutionException;

class FailureCauseTest {

    @Test
    void springBatchsChunkWrapperGivesWayToTheCauseAnOperatorCanActOn() {
        var revoked = new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED,
                "connection 5 (hubspot, tenant globex): the CRM rejected its API token; give it a new one with "
                        + "'connections set-credentials'");

        String line = FailureCause.of(new FatalStepExecutionException("Unable to process chunk", revoked));

        assertThat(line).isEqualTo(
                "connection 5 (hubspot, tenant globex): the CRM rejected its API token; give it a new one with "
                        + "'connections set-credentials'");
    }

    @Test
    void theRootCauseIsAddedWhenTheFirstMessageDoesNotSayItAndOnlyTheFirstLineIsKept() {
        var failure = new FatalStepExecutionException("Unable to process chunk", new IllegalStateException(
                "connection 3: upsert failed", new IOException("ERROR: invalid byte sequence\n  Where: COPY")));

        assertThat(FailureCause.of(failure)).isEqualTo("connection 3: upsert failed: ERROR: invalid byte sequence");
    }

    @Test
    void anExceptionWithoutAMessageIsNamedByItsType() {
        assertThat(FailureCause.of(new FatalStepExecutionException("Unable to process chunk",
                new NullPointerException()))).isEqualTo("NullPointerException");
    }

    @Test
    void aSpentQuotaOrADownCrmSaysWhatToDoAndTheConnectionsOwnAdviceIsKept() {
        var quota = new CrmUnavailableException(CrmUnavailableException.Reason.QUOTA_EXHAUSTED,
                "HubSpot contacts search: the account's daily API limit is reached");
        var down = new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN,
                "connection 4 (pipedrive, tenant acme): persons list failed 9 times, last: HTTP 503");
        var revoked = new CrmUnavailableException(CrmUnavailableException.Reason.AUTH_REVOKED,
                "connection 2 (salesforce, tenant acme): the CRM refused its refresh token; run "
                        + "'connections reauthorize' for it");

        assertThat(FailureCause.of(quota, LockTarget.connection(7))).isEqualTo(
                "HubSpot contacts search: the account's daily API limit is reached; its daily API quota is spent: "
                        + "restart the run once the CRM's quota resets, or raise the limit with the CRM");
        assertThat(FailureCause.of(down, LockTarget.connection(4))).endsWith(
                "last: HTTP 503; check the connection's base URL and the CRM's status ('connections test 4'), "
                        + "then restart the run");
        assertThat(FailureCause.of(revoked, LockTarget.connection(2))).isEqualTo(revoked.getMessage());
    }

    @Test
    void aPartitionsLineNamesItsConnectionWithCrmAndTenantWhenTheMessageDoesNot() {
        var context = new org.springframework.batch.infrastructure.item.ExecutionContext();
        context.putLong(ConnectionPartitioner.CONNECTION_ID, 7);
        context.putString(ConnectionPartitioner.CRM, "hubspot");
        context.putString(ConnectionPartitioner.TENANT_ID, "globex");
        var quota = new CrmUnavailableException(CrmUnavailableException.Reason.QUOTA_EXHAUSTED,
                "HubSpot contacts search: the account's daily API limit is reached; syncing resumes when it resets");

        assertThat(FailureCause.of(quota, context)).isEqualTo("connection 7 (hubspot, tenant globex): HubSpot contacts "
                + "search: the account's daily API limit is reached; syncing resumes when it resets");
    }

    @Test
    void aRootCauseWithoutAMessageAddsNoClassNameAndOneThatRepeatsTheMessageInAnotherCaseIsLeftOut() {
        var fault = new IllegalStateException("getServerTimestamp failed: UNKNOWN_EXCEPTION",
                new IllegalArgumentException((String) null));
        var refused = new IllegalStateException("cannot connect to the CRM (connection refused)",
                new java.net.ConnectException("Connection refused"));

        assertThat(FailureCause.of(fault)).isEqualTo("getServerTimestamp failed: UNKNOWN_EXCEPTION");
        assertThat(FailureCause.of(refused)).isEqualTo("cannot connect to the CRM (connection refused)");
    }

    @Test
    void theKindOfAFailureIsNamedForScripts() {
        assertThat(FailureCause.kind(new FatalStepExecutionException("Unable to process chunk",
                new CrmUnavailableException(CrmUnavailableException.Reason.CRM_DOWN, "down")))).isEqualTo("crm_down");
        assertThat(FailureCause.kind(new ClaimingPartitionHandler.TargetBusyException("held"))).isEqualTo("held");
        assertThat(FailureCause.kind(new org.springframework.dao.DataAccessResourceFailureException("gone",
                new java.sql.SQLException("terminating connection")))).isEqualTo("database");
        assertThat(FailureCause.kind(new NullPointerException())).isEqualTo("error");
    }
}
