package com.penguinmails.crmsync.connector.pipedrive;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import com.penguinmails.crmsync.sandbox.pipedrive.PipedriveSandbox;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Prints API calls and tokens for 10,000 person creates and their replay against the sandbox (about a minute and a
 * half at 200 requests per second: excluded from the build; run with {@code -Dit.test=PipedriveUpsertBenchmarkManualIT}
 * after removing the ManualIT exclusion, or from an IDE). Asserts nothing.
 */
class PipedriveUpsertBenchmarkManualIT {

    @Test
    void tenThousandUpserts() {
        try (PipedriveSandbox sandbox = PipedriveSandbox.start(SandboxOptions.defaults()
                .withPlan(SandboxOptions.Plan.ENTERPRISE))) {
            PipedriveTestConnection pipedrive = PipedriveTestConnection.oauth(sandbox, Map.of("requestsPerSecond",
                    "200", "dailyTokenBudget", "1200000"));
            List<CrmRecord> people = IntStream.range(0, 10_000).mapToObj(i -> CrmRecord.toWrite(ObjectType.CONTACT,
                    null, "pm-" + i, Map.<String, Object>of("name", "Person " + i))).toList();
            long started = System.nanoTime();
            List<WriteResult> created = pipedrive.connector.upsert(ObjectType.CONTACT, people);
            long calls = sandbox.server().stats().totalRequests();
            long limited = sandbox.server().stats().rateLimitedCount();
            long tokens = pipedrive.tokensUsedToday();
            pipedrive.connector.upsert(ObjectType.CONTACT, people);
            System.out.printf("pipedrive 10,000 creates: %d ok, %d calls (%d 429), %d tokens; replay: %d calls, %d"
                            + " tokens; %d s%n", created.stream().filter(WriteResult::success).count(), calls, limited,
                    tokens, sandbox.server().stats().totalRequests() - calls, pipedrive.tokensUsedToday() - tokens,
                    (System.nanoTime() - started) / 1_000_000_000L);
        }
    }
}
