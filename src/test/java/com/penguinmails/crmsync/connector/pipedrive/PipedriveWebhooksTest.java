package com.penguinmails.crmsync.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.connector.support.ConnectionNotices;
import com.penguinmails.crmsync.connector.support.CrmWebhooks;
import com.penguinmails.crmsync.connector.support.WebhookAccounts;
import com.penguinmails.crmsync.connector.support.WebhookDelivery;
import com.penguinmails.crmsync.connector.support.WebhookRefusedException;
import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.ObjectType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Pipedrive webhooks v2 in: Basic auth, each action turned into its notice, and what is refused. */
class PipedriveWebhooksTest {

    static final long CONNECTION = 7;
    static final WebhookAccounts.WebhookCredentials CREDENTIALS =
            new WebhookAccounts.WebhookCredentials("crm-sync-0a1b2c3d", "s3cret-Pa55word");

    final PipedriveWebhooks webhooks = new PipedriveWebhooks(JsonMapper.builder().build());

    final WebhookAccounts accounts = new WebhookAccounts() {
        @Override
        public List<Long> connectionsOfAccount(String accountId) {
            return List.of();
        }

        @Override
        public boolean isConnected(long connectionId) {
            return connectionId == CONNECTION || connectionId == 8;
        }

        @Override
        public Optional<WebhookCredentials> credentials(long connectionId) {
            return connectionId == CONNECTION ? Optional.of(CREDENTIALS) : Optional.empty();
        }

        @Override
        public Optional<String> appSecret() {
            return Optional.empty();
        }
    };

    static String body(String entity, String action, String entityId, @Nullable String mergedToId) {
        return """
                {"meta":{"action":"%s","entity":"%s","entity_id":"%s","id":"6b8f1f62-3c2d-4e0b-9d7a-0f3b2a1c9e11",
                 "company_id":"11250001","user_id":"13540001","webhook_id":"12","correlation_id":"c-1",
                 "timestamp":"2026-12-02T06:00:00.000Z","version":"2.0","change_source":"api","attempt":1%s},
                 "data":%s,"previous":null}""".formatted(action, entity, entityId,
                mergedToId == null ? "" : ",\"merged_to_id\":\"" + mergedToId + "\"",
                action.equals("delete") ? "null" : "{\"id\":" + entityId + "}");
    }

    static WebhookDelivery delivery(long connection, @Nullable String authorization, String body) {
        Map<String, String> headers = authorization == null ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "authorization", authorization);
        return new WebhookDelivery("POST", URI.create("https://sync.example/webhooks/pipedrive/" + connection),
                headers, body.getBytes(StandardCharsets.UTF_8), connection, Instant.now());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    List<CrmChangeNotice> received(String body) {
        List<ConnectionNotices> notices = webhooks.receive(delivery(CONNECTION,
                basic(CREDENTIALS.user(), CREDENTIALS.password()), body), accounts);
        assertThat(notices).allSatisfy(n -> assertThat(n.connectionId()).isEqualTo(CONNECTION));
        return notices.stream().flatMap(n -> n.notices().stream()).toList();
    }

    @Test
    void routesByConnectionAddress() {
        assertThat(webhooks.route()).isEqualTo(CrmWebhooks.Route.PER_CONNECTION);
    }

    @Test
    void aPersonCreatedIsAnUpsertedContactAtTheEventTime() {
        // when
        List<CrmChangeNotice> notices = received(body("person", "create", "42", null));

        // then
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(ObjectType.CONTACT);
            assertThat(n.change()).isEqualTo(CrmChangeNotice.Change.UPSERTED);
            assertThat(n.recordId()).isEqualTo("42");
            assertThat(n.occurredAt()).isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
            assertThat(n.eventId()).contains("6b8f1f62-3c2d-4e0b-9d7a-0f3b2a1c9e11");
        });
    }

    @Test
    void anOrganizationChangedIsAnUpsertedCompany() {
        assertThat(received(body("organization", "change", "5", null))).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(ObjectType.COMPANY);
            assertThat(n.change()).isEqualTo(CrmChangeNotice.Change.UPSERTED);
            assertThat(n.recordId()).isEqualTo("5");
        });
    }

    @Test
    void aDeleteIsADeletedNotice() {
        assertThat(received(body("person", "delete", "42", null))).singleElement().satisfies(n -> {
            assertThat(n.change()).isEqualTo(CrmChangeNotice.Change.DELETED);
            assertThat(n.recordId()).isEqualTo("42");
        });
    }

    @Test
    void aDeleteWithMergedToIdIsAMergeIntoTheSurvivor() {
        assertThat(received(body("person", "delete", "42", "17"))).singleElement().satisfies(n -> {
            assertThat(n.change()).isEqualTo(CrmChangeNotice.Change.MERGED);
            assertThat(n.recordId()).isEqualTo("17");
            assertThat(n.mergedRecordIds()).containsExactly("42");
        });
    }

    @Test
    void theSameEventDeliveredTwiceHasOneEventIdAndTwoChangesOfARecordHaveTwo() {
        String first = body("person", "change", "42", null);
        String retried = first.replace("\"attempt\":1", "\"attempt\":2");
        String later = first.replace("6b8f1f62-3c2d-4e0b-9d7a-0f3b2a1c9e11", "another-event")
                .replace("06:00:00.000Z", "06:00:05.000Z");

        assertThat(received(retried).get(0).eventId()).isEqualTo(received(first).get(0).eventId());
        assertThat(received(later).get(0).eventId()).isNotEqualTo(received(first).get(0).eventId());
    }

    @Test
    void epochSecondTimestampsAndNumericIdsAreRead() {
        String body = """
                {"meta":{"action":"change","entity":"person","entity_id":42,"id":9001,"timestamp":1764655200,
                 "version":"2.0"},"data":{"id":42},"previous":{}}""";
        assertThat(received(body)).singleElement().satisfies(n -> {
            assertThat(n.recordId()).isEqualTo("42");
            assertThat(n.occurredAt()).isEqualTo(Instant.ofEpochSecond(1764655200));
        });
    }

    @Test
    void eventsOfObjectsNotSyncedGiveNoNotice() {
        assertThat(received(body("deal", "change", "3", null))).isEmpty();
    }

    @Test
    void aWrongPasswordIsRefusedWith401() {
        assertStatus(delivery(CONNECTION, basic(CREDENTIALS.user(), "wrong"), body("person", "create", "1", null)),
                401);
    }

    @Test
    void aWrongUserIsRefusedWith401() {
        assertStatus(delivery(CONNECTION, basic("someone", CREDENTIALS.password()), body("person", "create", "1",
                null)), 401);
    }

    @Test
    void aMissingOrNonBasicAuthorizationIsRefusedWith401() {
        assertStatus(delivery(CONNECTION, null, body("person", "create", "1", null)), 401);
        assertStatus(delivery(CONNECTION, "Bearer abc", body("person", "create", "1", null)), 401);
        assertStatus(delivery(CONNECTION, "Basic %%%", body("person", "create", "1", null)), 401);
    }

    @Test
    void aConnectionWithoutWebhookCredentialsRefusesEveryDeliveryWith401() {
        assertStatus(delivery(8, basic(CREDENTIALS.user(), CREDENTIALS.password()), body("person", "create", "1",
                null)), 401);
    }

    @Test
    void anUnknownOrDisconnectedConnectionIsRefusedWith404() {
        assertStatus(delivery(99, basic(CREDENTIALS.user(), CREDENTIALS.password()), body("person", "create", "1",
                null)), 404);
    }

    @Test
    void malformedBodiesAreRefusedWith400AfterAuthentication() {
        for (String body : List.of("{not json", "[]", "{\"data\":{}}",
                body("person", "create", "1", null).replace("\"2.0\"", "\"1.0\""),
                "{\"v\":1,\"event\":\"updated.person\",\"meta\":{\"v\":1,\"action\":\"updated\"},\"current\":{}}",
                body("person", "archive", "1", null),
                body("person", "create", "1", null).replace("\"entity_id\":\"1\",", ""),
                body("person", "create", "1", null).replace("\"timestamp\":\"2026-12-02T06:00:00.000Z\",", ""))) {
            assertStatus(delivery(CONNECTION, basic(CREDENTIALS.user(), CREDENTIALS.password()), body), 400);
        }
    }

    @Test
    void aBadPasswordIsRefusedBeforeTheBodyIsRead() {
        assertStatus(delivery(CONNECTION, basic(CREDENTIALS.user(), "wrong"), "{not json"), 401);
    }

    private void assertStatus(WebhookDelivery delivery, int status) {
        assertThatThrownBy(() -> webhooks.receive(delivery, accounts))
                .isInstanceOfSatisfying(WebhookRefusedException.class, e -> {
                    assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
                    assertThat(e.getMessage()).doesNotContain(CREDENTIALS.password());
                });
    }
}
