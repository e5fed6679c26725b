package com.penguinmails.crmsync.job.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.core.Shard;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scheduled run ({@code run --due}) is told apart from an operator's run by an identifying job parameter. */
class RunParametersDueTest {

    private static final Instant AS_OF = Instant.parse("2026-12-02T09:07:00Z");

    @Test
    void aScheduledRunKeepsItsDueFlagThroughTheJobParameters() {
        RunParameters scheduled = new RunParameters(List.of(), List.of(), Shard.ALL, 2, AS_OF, null, false, null, true);

        RunParameters read = RunParameters.from(scheduled.toJobParameters());

        assertThat(read.due()).isTrue();
        assertThat(scheduled.toJobParameters().getParameter(RunParameters.DUE).identifying()).isTrue();
        assertThat(RunParameters.from(new RunParameters(List.of(), Shard.ALL, 2, AS_OF).toJobParameters()).due())
                .isFalse();
    }

    @Test
    void aBackfillIsNeverAScheduledRun() {
        assertThatThrownBy(() -> new RunParameters(List.of(), List.of(7L), Shard.ALL, 1, AS_OF, "both", false, null,
                true)).isInstanceOf(IllegalArgumentException.class);
    }
}
