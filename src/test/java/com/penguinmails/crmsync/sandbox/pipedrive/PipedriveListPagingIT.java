package com.penguinmails.crmsync.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** v2 lists: cursor paging, limits, sorting, {@code updated_since}/{@code updated_until}, filters, live changes. */
class PipedriveListPagingIT {

    private PipedriveSandbox sandbox;
    private PipedriveHttp api;

    @BeforeEach
    void start() {
        sandbox = PipedriveSandbox.start(SandboxOptions.defaults().withPlan(SandboxOptions.Plan.ENTERPRISE)
                .withSeedContacts(250));
        api = PipedriveHttp.withApiToken(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void defaultPageIsOneHundredAndTheCursorWalksEveryRecordOnce() {
        // when
        List<Long> ids = new ArrayList<>();
        JsonNode page = api.get("/api/v2/persons").json();
        assertThat(page.get("data")).hasSize(100);
        int pages = 1;
        ids.addAll(ids(page));
        while (!page.get("additional_data").get("next_cursor").isNull()) {
            page = api.get("/api/v2/persons?cursor=" + page.get("additional_data").get("next_cursor").asString())
                    .json();
            ids.addAll(ids(page));
            pages++;
        }

        // then
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(250).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void limitAboveFiveHundredOrBelowOneIsRejected() {
        assertThat(api.get("/api/v2/persons?limit=500").status()).isEqualTo(200);
        PipedriveHttp.Answer tooMany = api.get("/api/v2/persons?limit=501");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("code").asString()).isEqualTo("ERR_SCHEMA_VALIDATION_FAILED");
        assertThat(api.get("/api/v2/persons?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/persons?cursor=garbage").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/persons?sort_by=name").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/persons?sort_direction=up").status()).isEqualTo(400);
    }

    @Test
    void updatedSinceIsInclusiveUpdatedUntilExclusiveAndFractionalSecondsAreRejected() {
        // given
        sandbox.server().clock().advance(Duration.ofMinutes(1));
        Instant mark = sandbox.server().clock().instant().truncatedTo(ChronoUnit.SECONDS);
        api.patch("/api/v2/persons/7", "{\"name\": \"Changed Seven\"}");
        api.patch("/api/v2/persons/9", "{\"name\": \"Changed Nine\"}");

        // when
        JsonNode since = api.get("/api/v2/persons?updated_since=" + mark).json();
        JsonNode until = api.get("/api/v2/persons?updated_until=" + mark + "&limit=500").json();

        // then
        assertThat(ids(since)).containsExactly(7L, 9L);
        assertThat(ids(until)).hasSize(248).doesNotContain(7L, 9L);
        assertThat(api.get("/api/v2/persons?updated_since=2025-01-01T10:20:00.123Z").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/persons?updated_since=yesterday").status()).isEqualTo(400);
    }

    @Test
    void sortingByUpdateTimeDescendingPagesByKeyset() {
        // when
        List<Long> ids = new ArrayList<>();
        List<String> times = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v2/persons?sort_by=update_time&sort_direction=desc&limit=50"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("data").forEach(p -> {
                ids.add(p.get("id").asLong());
                times.add(p.get("update_time").asString());
            });
            JsonNode next = page.get("additional_data").get("next_cursor");
            cursor = next.isNull() ? null : next.asString();
        } while (cursor != null);

        // then
        assertThat(ids).hasSize(250).doesNotHaveDuplicates();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void recordsChangedWhileAReaderPagesByUpdateTimeAppearAgainAtTheEnd() {
        // given a reader half-way through an update_time ascending walk
        JsonNode first = api.get("/api/v2/persons?sort_by=update_time&limit=100").json();
        long seen = first.get("data").get(10).get("id").asLong();
        sandbox.server().clock().advance(Duration.ofSeconds(5));

        // when a record it has already read changes, and a new one is added
        api.patch("/api/v2/persons/" + seen, "{\"name\": \"Moved On\"}");
        long added = api.post("/api/v2/persons", "{\"name\": \"New Comer\"}").json().get("data").get("id").asLong();
        List<Long> rest = new ArrayList<>();
        String cursor = first.get("additional_data").get("next_cursor").asString();
        while (cursor != null) {
            JsonNode page = api.get("/api/v2/persons?sort_by=update_time&limit=100&cursor=" + cursor).json();
            rest.addAll(ids(page));
            JsonNode next = page.get("additional_data").get("next_cursor");
            cursor = next.isNull() ? null : next.asString();
        }

        // then the reader still gets every other record, then the changed and the new one
        assertThat(rest).hasSize(152).endsWith(seen, added);
    }

    @Test
    void cursorIsBoundToTheSortItWasMadeFor() {
        String cursor = api.get("/api/v2/persons?limit=10").json().get("additional_data").get("next_cursor")
                .asString();
        assertThat(api.get("/api/v2/persons?sort_by=update_time&cursor=" + cursor).status()).isEqualTo(400);
    }

    @Test
    void filtersByIdsOwnerAndOrganization() {
        // given
        JsonNode person = api.get("/api/v2/persons/12").json().get("data");
        long org = person.get("org_id").asLong();
        long owner = person.get("owner_id").asLong();

        // then
        assertThat(ids(api.get("/api/v2/persons?ids=3,12,99999").json())).containsExactly(3L, 12L);
        assertThat(api.get("/api/v2/persons?org_id=" + org + "&limit=500").json().get("data"))
                .isNotEmpty().allSatisfy(p -> assertThat(p.get("org_id").asLong()).isEqualTo(org));
        assertThat(api.get("/api/v2/persons?owner_id=" + owner + "&limit=500").json().get("data"))
                .isNotEmpty().allSatisfy(p -> assertThat(p.get("owner_id").asLong()).isEqualTo(owner));
    }

    @Test
    void organizationsListAndPageLikePersons() {
        JsonNode page = api.get("/api/v2/organizations?limit=20").json();
        assertThat(page.get("data")).hasSize(20);
        assertThat(page.get("data").get(0).has("address")).isTrue();
        assertThat(page.get("data").get(0).has("custom_fields")).isTrue();
        JsonNode next = api.get("/api/v2/organizations?limit=40&cursor="
                + page.get("additional_data").get("next_cursor").asString()).json();
        assertThat(next.get("data")).hasSize(30);
        assertThat(next.get("additional_data").get("next_cursor").isNull()).isTrue();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("data").forEach(p -> ids.add(p.get("id").asLong()));
        return ids;
    }
}
