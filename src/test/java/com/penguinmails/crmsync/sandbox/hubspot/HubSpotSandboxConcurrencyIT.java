package com.penguinmails.crmsync.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Concurrent writers and a reader paging while records change. */
class HubSpotSandboxConcurrencyIT {

    @Test
    void concurrentBatchUpsertsCreateEveryContactOnceWithDistinctIds() throws Exception {
        // given
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults()
                .withPlan(SandboxOptions.Plan.ENTERPRISE))) {
            HubSpotTestClient client = new HubSpotTestClient(sandbox);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<JsonNode>> replies = new ArrayList<>();

            // when
            for (int batch = 0; batch < 16; batch++) {
                List<Map<String, Object>> inputs = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int n = (batch % 8) * 20 + i;
                    inputs.add(Map.of("id", "c" + n + "@concurrent.example", "idProperty", "email",
                            "properties", Map.of("lastname", "Batch" + batch)));
                }
                replies.add(pool.submit(() -> client.post("/crm/v3/objects/contacts/batch/upsert",
                        Map.of("inputs", inputs)).json()));
            }
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<JsonNode> reply : replies) {
                for (JsonNode result : reply.get().path("results")) {
                    ids.add(result.path("id").asString());
                    created += result.path("new").asBoolean() ? 1 : 0;
                }
            }
            pool.shutdown();

            // then
            assertThat(ids).hasSize(160);
            assertThat(created).isEqualTo(160);
        }
    }

    @Test
    void readerPagingWhileRecordsChangeSeesEveryOriginalRecordExactlyOnce() {
        // given
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(SandboxOptions.defaults().withSeedContacts(30))) {
            HubSpotTestClient client = new HubSpotTestClient(sandbox);
            List<String> original = new ArrayList<>();
            client.get("/crm/v3/objects/contacts?limit=100").json().path("results")
                    .forEach(r -> original.add(r.path("id").asString()));
            List<String> seen = new ArrayList<>();
            String after = null;
            int page = 0;

            // when
            do {
                HubSpotTestClient.Reply reply = client.get("/crm/v3/objects/contacts?limit=10"
                        + (after == null ? "" : "&after=" + after));
                reply.json().path("results").forEach(r -> seen.add(r.path("id").asString()));
                client.createContact("during" + page + "@paging.example", Map.of());
                client.patch("/crm/v3/objects/contacts/" + original.get(page), Map.of("properties",
                        Map.of("jobtitle", "Changed " + page)));
                page++;
                after = reply.json().path("paging").path("next").path("after").asString(null);
            } while (after != null);

            // then
            assertThat(seen).containsAll(original).doesNotHaveDuplicates();
        }
    }
}
