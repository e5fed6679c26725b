package com.penguinmails.crmsync.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.support.ConnectionNotices;
import com.penguinmails.crmsync.connector.support.CrmWebhooks;
import com.penguinmails.crmsync.connector.support.WebhookDelivery;
import com.penguinmails.crmsync.connector.support.WebhookRefusedException;
import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.core.CrmChangeNotice.Change;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.testing.FixedWebhookAccounts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** HubSpot webhook deliveries: signature v3, timestamps, the events each subscription type becomes, bad bodies. */
class HubSpotWebhooksTest {

    static final String SECRET = "app-client-secret";
    static final String URL = "https://sync.example.com/webhooks/hubspot";
    static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
    static final FixedWebhookAccounts ACCOUNTS = new FixedWebhookAccounts(Map.of("62515", List.of(7L),
            "99", List.of(8L, 9L)), SECRET);

    final HubSpotWebhooks webhooks = new HubSpotWebhooks();

    /** What HubSpot computes, written out here rather than borrowed from the code under test. */
    static String signature(String secret, String method, String url, String body, long timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] hash = mac.doFinal((method + url + body + timestamp).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(hash);
    }

    static WebhookDelivery delivery(String url, String body, Map<String, String> headers) {
        return new WebhookDelivery("POST", URI.create(url), headers, body.getBytes(StandardCharsets.UTF_8), null,
                NOW);
    }

    static WebhookDelivery signed(String body) throws Exception {
        long timestamp = NOW.minusSeconds(2).toEpochMilli();
        return delivery(URL, body, Map.of("X-HubSpot-Signature-v3", signature(SECRET, "POST", URL, body, timestamp),
                "X-HubSpot-Request-Timestamp", Long.toString(timestamp)));
    }

    static String event(String subscriptionType, String more) {
        return "{\"eventId\":" + (100 + subscriptionType.length()) + ",\"subscriptionId\":5,\"portalId\":62515,"
                + "\"appId\":1000001,\"occurredAt\":1764655200000,\"subscriptionType\":\"" + subscriptionType
                + "\",\"attemptNumber\":0,\"changeSource\":\"CRM_UI\"" + more + "}";
    }

    List<CrmChangeNotice> noticesOf(String... events) throws Exception {
        List<ConnectionNotices> received = webhooks.receive(signed("[" + String.join(",", events) + "]"), ACCOUNTS);
        return received.stream().flatMap(c -> c.notices().stream()).toList();
    }

    static String refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status) {
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(WebhookRefusedException.class, call);
        assertThat(thrown).as("refused").isNotNull();
        assertThat(thrown.status()).isEqualTo(status);
        return thrown.getMessage();
    }

    @Test
    void a_delivery_signed_with_the_app_secret_becomes_notices_of_the_portals_connection() throws Exception {
        // when
        List<ConnectionNotices> received = webhooks.receive(signed("[" + event("contact.creation",
                ",\"objectId\":1246965") + "]"), ACCOUNTS);

        // then
        assertThat(webhooks.route()).isEqualTo(CrmWebhooks.Route.PER_APP);
        assertThat(received).singleElement().satisfies(c -> {
            assertThat(c.connectionId()).isEqualTo(7L);
            assertThat(c.notices()).singleElement().satisfies(n -> {
                assertThat(n.change()).isEqualTo(Change.UPSERTED);
                assertThat(n.type()).isEqualTo(ObjectType.CONTACT);
                assertThat(n.recordId()).isEqualTo("1246965");
                assertThat(n.occurredAt()).isEqualTo(Instant.ofEpochMilli(1764655200000L));
                assertThat(n.eventId()).startsWith("116:contact.creation");
            });
        });
    }

    @Test
    void the_provider_hands_out_the_hubspot_receiver() {
        assertThat(new HubSpotConnectorProvider().webhooks()).containsInstanceOf(HubSpotWebhooks.class);
    }

    @Test
    void a_signature_made_with_another_secret_is_refused_naming_the_header() throws Exception {
        String body = "[" + event("contact.creation", ",\"objectId\":1") + "]";
        long timestamp = NOW.toEpochMilli();
        WebhookDelivery forged = delivery(URL, body, Map.of("X-HubSpot-Signature-v3",
                signature("another-secret", "POST", URL, body, timestamp), "X-HubSpot-Request-Timestamp",
                Long.toString(timestamp)));

        assertThat(refusal(() -> webhooks.receive(forged, ACCOUNTS), 401)).contains("X-HubSpot-Signature-v3")
                .doesNotContain(SECRET);
    }

    @Test
    void a_signature_that_is_not_base64_is_refused() {
        WebhookDelivery garbage = delivery(URL, "[]", Map.of("X-HubSpot-Signature-v3", "%%%not base64%%%",
                "X-HubSpot-Request-Timestamp", Long.toString(NOW.toEpochMilli())));

        assertThat(refusal(() -> webhooks.receive(garbage, ACCOUNTS), 401)).contains("X-HubSpot-Signature-v3");
    }

    @Test
    void a_missing_signature_or_timestamp_is_refused_naming_the_header() throws Exception {
        String body = "[]";
        long timestamp = NOW.toEpochMilli();
        WebhookDelivery unsigned = delivery(URL, body, Map.of("X-HubSpot-Request-Timestamp",
                Long.toString(timestamp)));
        WebhookDelivery undated = delivery(URL, body, Map.of("X-HubSpot-Signature-v3",
                signature(SECRET, "POST", URL, body, timestamp)));
        WebhookDelivery badDate = delivery(URL, body, Map.of("X-HubSpot-Signature-v3",
                signature(SECRET, "POST", URL, body, timestamp), "X-HubSpot-Request-Timestamp", "yesterday"));

        assertThat(refusal(() -> webhooks.receive(unsigned, ACCOUNTS), 401))
                .contains("missing X-HubSpot-Signature-v3");
        assertThat(refusal(() -> webhooks.receive(undated, ACCOUNTS), 401))
                .contains("missing X-HubSpot-Request-Timestamp");
        assertThat(refusal(() -> webhooks.receive(badDate, ACCOUNTS), 401)).contains("X-HubSpot-Request-Timestamp");
    }

    @Test
    void a_timestamp_more_than_five_minutes_old_or_ahead_is_refused_even_when_correctly_signed() throws Exception {
        String body = "[" + event("contact.creation", ",\"objectId\":1") + "]";
        long stale = NOW.minus(Duration.ofMinutes(5)).minusMillis(1).toEpochMilli();
        long future = NOW.plus(Duration.ofMinutes(5)).plusMillis(1).toEpochMilli();
        long edge = NOW.minus(Duration.ofMinutes(5)).toEpochMilli();
        WebhookDelivery replayed = delivery(URL, body, Map.of("X-HubSpot-Signature-v3",
                signature(SECRET, "POST", URL, body, stale), "X-HubSpot-Request-Timestamp", Long.toString(stale)));
        WebhookDelivery early = delivery(URL, body, Map.of("X-HubSpot-Signature-v3",
                signature(SECRET, "POST", URL, body, future), "X-HubSpot-Request-Timestamp", Long.toString(future)));
        WebhookDelivery justInTime = delivery(URL, body, Map.of("X-HubSpot-Signature-v3",
                signature(SECRET, "POST", URL, body, edge), "X-HubSpot-Request-Timestamp", Long.toString(edge)));

        assertThat(refusal(() -> webhooks.receive(replayed, ACCOUNTS), 401)).contains("X-HubSpot-Request-Timestamp")
                .contains("old");
        assertThat(refusal(() -> webhooks.receive(early, ACCOUNTS), 401)).contains("X-HubSpot-Request-Timestamp")
                .contains("future");
        assertThat(webhooks.receive(justInTime, ACCOUNTS)).hasSize(1);
    }

    @Test
    void a_body_changed_after_signing_is_refused() throws Exception {
        String body = "[" + event("contact.creation", ",\"objectId\":1") + "]";
        long timestamp = NOW.toEpochMilli();
        WebhookDelivery tampered = delivery(URL, body.replace("\"objectId\":1", "\"objectId\":2"), Map.of(
                "X-HubSpot-Signature-v3", signature(SECRET, "POST", URL, body, timestamp),
                "X-HubSpot-Request-Timestamp", Long.toString(timestamp)));

        assertThat(refusal(() -> webhooks.receive(tampered, ACCOUNTS), 401)).contains("X-HubSpot-Signature-v3");
    }

    @Test
    void the_url_is_checked_with_hubspots_listed_escapes_decoded_and_others_kept() throws Exception {
        // given: HubSpot signs the URL with %3A %2F %3F %40 ... decoded; %20 is not in its list and stays encoded
        String called = "https://sync.example.com/webhooks/hubspot?next=https%3A%2F%2Fa.example%2Fx%3Fy%40z"
                + "%21%24%27%28%29%2a%2C%3B&name=a%20b";
        String signedUrl = "https://sync.example.com/webhooks/hubspot?next=https://a.example/x?y@z!$'()*,;&name=a%20b";
        String body = "[" + event("company.creation", ",\"objectId\":55") + "]";
        long timestamp = NOW.toEpochMilli();
        WebhookDelivery escaped = delivery(called, body, Map.of("X-HubSpot-Signature-v3",
                signature(SECRET, "POST", signedUrl, body, timestamp), "X-HubSpot-Request-Timestamp",
                Long.toString(timestamp)));
        WebhookDelivery signedOverTheRawUrl = delivery(called, body, Map.of("X-HubSpot-Signature-v3",
                signature(SECRET, "POST", called, body, timestamp), "X-HubSpot-Request-Timestamp",
                Long.toString(timestamp)));

        // then
        assertThat(webhooks.receive(escaped, ACCOUNTS)).singleElement()
                .satisfies(c -> assertThat(c.notices()).extracting(CrmChangeNotice::recordId).containsExactly("55"));
        refusal(() -> webhooks.receive(signedOverTheRawUrl, ACCOUNTS), 401);
    }

    @Test
    void without_an_app_secret_every_delivery_is_refused_as_not_configured() throws Exception {
        WebhookDelivery delivery = signed("[]");

        assertThat(refusal(() -> webhooks.receive(delivery, new FixedWebhookAccounts(Map.of(), null)), 401))
                .contains("not configured");
        assertThat(refusal(() -> webhooks.receive(delivery, new FixedWebhookAccounts(Map.of(), " ")), 401))
                .contains("not configured");
    }

    @Test
    void creation_property_change_and_restore_upsert_deletion_and_privacy_deletion_delete() throws Exception {
        List<CrmChangeNotice> notices = noticesOf(
                event("contact.creation", ",\"objectId\":1,\"changeFlag\":\"CREATED\""),
                event("contact.propertyChange", ",\"objectId\":2,\"propertyName\":\"email\","
                        + "\"propertyValue\":\"x@y.example\""),
                event("company.restore", ",\"objectId\":3"),
                event("company.deletion", ",\"objectId\":4,\"changeFlag\":\"DELETED\""),
                event("contact.privacyDeletion", ",\"objectId\":5"));

        assertThat(notices).extracting(CrmChangeNotice::change, CrmChangeNotice::type, CrmChangeNotice::recordId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Change.UPSERTED, ObjectType.CONTACT, "1"),
                        org.assertj.core.groups.Tuple.tuple(Change.UPSERTED, ObjectType.CONTACT, "2"),
                        org.assertj.core.groups.Tuple.tuple(Change.UPSERTED, ObjectType.COMPANY, "3"),
                        org.assertj.core.groups.Tuple.tuple(Change.DELETED, ObjectType.COMPANY, "4"),
                        org.assertj.core.groups.Tuple.tuple(Change.DELETED, ObjectType.CONTACT, "5"));
        assertThat(notices).extracting(CrmChangeNotice::eventId).doesNotHaveDuplicates();
    }

    @Test
    void a_merge_is_one_notice_naming_the_survivor_and_the_records_merged_into_it() throws Exception {
        List<CrmChangeNotice> notices = noticesOf(
                event("contact.merge", ",\"objectId\":10,\"primaryObjectId\":10,\"mergedObjectIds\":[11],"
                        + "\"newObjectId\":10,\"numberOfPropertiesMoved\":3"),
                event("company.merge", ",\"objectId\":20,\"primaryObjectId\":20,\"mergedObjectIds\":[21,22]"));

        assertThat(notices).extracting(CrmChangeNotice::change, CrmChangeNotice::type, CrmChangeNotice::recordId,
                CrmChangeNotice::mergedRecordIds).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Change.MERGED, ObjectType.CONTACT, "10", List.of("11")),
                org.assertj.core.groups.Tuple.tuple(Change.MERGED, ObjectType.COMPANY, "20", List.of("21", "22")));
    }

    @Test
    void a_merge_that_made_a_new_record_survives_as_the_new_id_and_the_primary_is_merged_too() throws Exception {
        List<CrmChangeNotice> notices = noticesOf(event("contact.merge",
                ",\"objectId\":10,\"primaryObjectId\":10,\"mergedObjectIds\":[11],\"newObjectId\":12"));

        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.change()).isEqualTo(Change.MERGED);
            assertThat(n.recordId()).isEqualTo("12");
            assertThat(n.mergedRecordIds()).containsExactly("11", "10");
        });
    }

    @Test
    void a_contact_company_association_change_upserts_the_contact_whichever_side_announces_it() throws Exception {
        List<CrmChangeNotice> notices = noticesOf(
                event("contact.associationChange", ",\"objectId\":30,\"associationType\":\"CONTACT_TO_COMPANY\","
                        + "\"fromObjectId\":30,\"toObjectId\":40,\"associationRemoved\":false,"
                        + "\"isPrimaryAssociation\":true"),
                event("company.associationChange", ",\"objectId\":41,\"associationType\":\"COMPANY_TO_CONTACT\","
                        + "\"fromObjectId\":41,\"toObjectId\":31,\"associationRemoved\":true"),
                event("contact.associationChange", ",\"objectId\":32,\"associationType\":\"CONTACT_TO_DEAL\","
                        + "\"fromObjectId\":32,\"toObjectId\":50"));

        assertThat(notices).extracting(CrmChangeNotice::change, CrmChangeNotice::type, CrmChangeNotice::recordId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Change.UPSERTED, ObjectType.CONTACT, "30"),
                        org.assertj.core.groups.Tuple.tuple(Change.UPSERTED, ObjectType.CONTACT, "31"));
    }

    @Test
    void generic_object_events_of_contacts_and_companies_are_read_and_other_objects_ignored() throws Exception {
        List<CrmChangeNotice> notices = noticesOf(
                event("object.creation", ",\"objectId\":60,\"objectTypeId\":\"0-1\""),
                event("object.deletion", ",\"objectId\":61,\"objectTypeId\":\"0-2\""),
                event("object.propertyChange", ",\"objectId\":62,\"objectTypeId\":\"0-3\""),
                event("object.associationChange", ",\"fromObjectTypeId\":\"0-2\",\"toObjectTypeId\":\"0-1\","
                        + "\"fromObjectId\":63,\"toObjectId\":64"),
                event("deal.creation", ",\"objectId\":65"),
                event("contact.someFutureEvent", ",\"objectId\":66"));

        assertThat(notices).extracting(CrmChangeNotice::change, CrmChangeNotice::type, CrmChangeNotice::recordId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Change.UPSERTED, ObjectType.CONTACT, "60"),
                        org.assertj.core.groups.Tuple.tuple(Change.DELETED, ObjectType.COMPANY, "61"),
                        org.assertj.core.groups.Tuple.tuple(Change.UPSERTED, ObjectType.CONTACT, "64"));
    }

    @Test
    void event_ids_beyond_a_long_stay_exact_text_and_the_same_event_twice_gives_the_same_notice() throws Exception {
        String event = "{\"eventId\":123456789012345678901234,\"portalId\":62515,\"occurredAt\":1,"
                + "\"subscriptionType\":\"contact.creation\",\"objectId\":7}";

        List<CrmChangeNotice> notices = noticesOf(event, event);

        assertThat(notices).hasSize(2).extracting(CrmChangeNotice::eventId)
                .containsOnly("123456789012345678901234:contact.creation:7");
    }

    @Test
    void every_connection_of_the_portal_gets_its_events_and_a_portal_without_connections_is_left_out()
            throws Exception {
        String other = event("contact.creation", ",\"objectId\":70").replace("62515", "99");
        String unknown = event("contact.deletion", ",\"objectId\":71").replace("62515", "12345");

        List<ConnectionNotices> received = webhooks.receive(signed("[" + other + "," + unknown + "]"), ACCOUNTS);

        assertThat(received).extracting(ConnectionNotices::connectionId).containsExactly(8L, 9L);
        assertThat(received).allSatisfy(c -> assertThat(c.notices()).extracting(CrmChangeNotice::recordId)
                .containsExactly("70"));
    }

    @Test
    void more_than_100_events_are_refused_naming_the_count() throws Exception {
        String events = IntStream.range(0, 101).mapToObj(i -> event("contact.creation", ",\"objectId\":" + i))
                .collect(Collectors.joining(",", "[", "]"));
        WebhookDelivery delivery = signed(events);

        assertThat(refusal(() -> webhooks.receive(delivery, ACCOUNTS), 400)).contains("101 events");
    }

    @Test
    void a_body_that_is_not_a_json_array_of_events_is_refused_as_malformed() throws Exception {
        for (String body : List.of("{\"eventId\":1}", "[{\"eventId\":", "not json", "[1,2]", "")) {
            WebhookDelivery delivery = signed(body);
            assertThat(refusal(() -> webhooks.receive(delivery, ACCOUNTS), 400)).as(body).contains("malformed");
        }
    }

    @Test
    void a_refused_event_is_named_by_position_and_field_never_by_its_values() throws Exception {
        String personal = "{\"portalId\":62515,\"occurredAt\":1,\"subscriptionType\":\"contact.propertyChange\","
                + "\"objectId\":8,\"propertyName\":\"email\",\"propertyValue\":\"jane.doe@private.example\"}";
        WebhookDelivery delivery = signed("[" + event("contact.creation", ",\"objectId\":1") + "," + personal + "]");

        assertThat(refusal(() -> webhooks.receive(delivery, ACCOUNTS), 400)).contains("event 1").contains("eventId")
                .doesNotContain("jane.doe").doesNotContain("private.example");
    }
}
