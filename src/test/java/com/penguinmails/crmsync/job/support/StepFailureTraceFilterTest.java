package com.penguinmails.crmsync.job.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.item.ChunkOrientedStep;

class StepFailureTraceFilterTest {

    @Test
    void springBatchsStepAndChunkFailureTracesAreTheOnesKeptForDebug() {
        assertThat(StepFailureTraceFilter.isStepFailureTrace(AbstractStep.class.getName(),
                "Encountered an error executing step contactInboundConnectionStep in job contact-sync")).isTrue();
        assertThat(StepFailureTraceFilter.isStepFailureTrace(ChunkOrientedStep.class.getName(),
                "Rolling back chunk transaction")).isTrue();
    }

    @Test
    void everythingElsePasses() {
        assertThat(StepFailureTraceFilter.isStepFailureTrace(AbstractStep.class.getName(),
                "Encountered an error saving batch meta data for step x in job y")).isFalse();
        assertThat(StepFailureTraceFilter.isStepFailureTrace("com.penguinmails.crmsync.Anything",
                "Encountered an error executing step x")).isFalse();
        assertThat(StepFailureTraceFilter.isStepFailureTrace(ChunkOrientedStep.class.getName(), null)).isFalse();
    }
}
