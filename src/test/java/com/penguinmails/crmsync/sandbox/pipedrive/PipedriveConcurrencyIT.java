package com.penguinmails.crmsync.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Concurrent writers, as a partitioned sync job is: no lost writes, no duplicate ids. */
class PipedriveConcurrencyIT {

    @Test
    void concurrentAddsAndUpdatesAreAllKeptWithDistinctIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (PipedriveSandbox sandbox = PipedriveSandbox.start(SandboxOptions.defaults()
                .withPlan(SandboxOptions.Plan.ENTERPRISE).withSeedContacts(10))) {
            // given
            PipedriveHttp api = PipedriveHttp.withApiToken(sandbox);
            Set<Long> ids = ConcurrentHashMap.newKeySet();
            List<Future<?>> work = new ArrayList<>();

            // when 8 threads add 80 persons and rename person 1 twenty times
            for (int i = 0; i < 80; i++) {
                int n = i;
                work.add(pool.submit(() -> {
                    PipedriveHttp.Answer answer = api.post("/api/v2/persons",
                            "{\"name\": \"Writer " + n + "\", \"emails\": [{\"value\": \"w" + n + "@load.example\"}]}");
                    assertThat(answer.status()).isEqualTo(200);
                    ids.add(answer.json().get("data").get("id").asLong());
                }));
            }
            for (int i = 0; i < 20; i++) {
                int n = i;
                work.add(pool.submit(() -> assertThat(api.patch("/api/v2/persons/1",
                        "{\"name\": \"Renamed " + n + "\"}").status()).isEqualTo(200)));
            }
            for (Future<?> future : work) {
                future.get();
            }

            // then
            assertThat(ids).hasSize(80);
            assertThat(api.get("/api/v2/persons?limit=500").json().get("data")).hasSize(90);
            assertThat(api.get("/api/v2/persons/1").json().get("data").get("name").asString())
                    .startsWith("Renamed ");
        } finally {
            pool.shutdownNow();
        }
    }
}
