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
                "connection 5 (hubspot, tenant globex): the CRM rejected its API token; add the connection again");

        String line = FailureCause.of(new FatalStepExecutionException("Unable to process chunk", revoked));

        assertThat(line).isEqualTo(
                "connection 5 (hubspot, tenant globex): the CRM rejected its API token; add the connection again");
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
}
