package com.penguinmails.crmsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapLoader;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundContactMergeTest {

    private static final FieldMap SALESFORCE = FieldMapLoader.defaults(SalesforceConnectorProvider.KIND).get(ObjectType.CONTACT);

    private static PmContact contact(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(Map.of("email", "ada@x.example", "first_name", "Ada",
                "last_name", "Lovelace", "unsubscribed", false, "lead_score", 40));
        all.putAll(values);
        return new PmContact(7, "acme", "ada@x.example", Instant.parse("2026-11-01T10:00:00Z"), all);
    }

    private static RecordLink syncedAt(PmContact c) {
        Map<String, String> hashes = new HashMap<>();
        c.values().forEach((k, v) -> hashes.put(k, ValueHash.of(v)));
        return new RecordLink(1, ObjectType.CONTACT, "003000000000001AAA", "contact", c.id(), hashes, null, null, null);
    }

    @Test
    void onlyFieldsChangedSinceTheLastSyncAreSentUnderTheCrmsNames() {
        RecordLink link = syncedAt(contact(Map.of()));
        OutboundContactMerge.Outbound out = OutboundContactMerge.decide(SALESFORCE,
                contact(Map.of("lead_score", 72, "first_name", "Augusta")), link);
        assertThat(out.crmFields()).containsOnly(Map.entry("PenguinMails_Lead_Score__c", 72),
                Map.entry("FirstName", "Augusta"));
        assertThat(out.hashes()).containsEntry("lead_score", ValueHash.of(72));
    }

    @Test
    void anUnsubscribeGoesOutAsAnOptOutButAResubscribeNever() {
        RecordLink link = syncedAt(contact(Map.of()));
        // the address goes with it: HubSpot unsubscribes an address, not a record
        OutboundContactMerge.Outbound out = OutboundContactMerge.decide(SALESFORCE,
                contact(Map.of("unsubscribed", true)), link);
        assertThat(out.crmFields()).containsOnlyKeys("HasOptedOutOfEmail", "Email")
                .containsEntry("HasOptedOutOfEmail", true);
        assertThat(out.crmFields().get("Email")).isEqualTo(contact(Map.of()).values().get("email"));
        RecordLink optedOut = syncedAt(contact(Map.of("unsubscribed", true)));
        assertThat(OutboundContactMerge.decide(SALESFORCE, contact(Map.of("unsubscribed", false)), optedOut)
                .crmFields()).isEmpty();
    }

    @Test
    void anUnchangedContactSendsNothing() {
        PmContact c = contact(Map.of());
        assertThat(OutboundContactMerge.decide(SALESFORCE, c, syncedAt(c)).crmFields()).isEmpty();
    }

    @Test
    void aContactNeverSyncedSendsEveryOutboundField() {
        OutboundContactMerge.Outbound out = OutboundContactMerge.decide(SALESFORCE, contact(Map.of()), null);
        assertThat(out.crmFields()).containsKeys("Email", "FirstName", "LastName", "PenguinMails_Lead_Score__c")
                .doesNotContainKey("HasOptedOutOfEmail");
    }

    @Test
    void aFieldTheCrmDidNotTakeKeepsItsOldBaseSoTheNextRunSendsItAgain() {
        // given: first name and lead score changed since the last sync
        PmContact before = contact(Map.of());
        PmContact changed = contact(Map.of("lead_score", 72, "first_name", "Augusta"));
        OutboundContactMerge.Outbound out = OutboundContactMerge.decide(SALESFORCE, changed, syncedAt(before));

        // when: Salesforce wrote the record without FirstName
        Map<String, String> after = out.hashesAfterWrite(List.of("FirstName"));

        // then: the lead score is synced, the first name is not, and goes out again
        assertThat(after).containsEntry("lead_score", ValueHash.of(72)).containsEntry("first_name",
                ValueHash.of("Ada"));
        RecordLink relinked = new RecordLink(1, ObjectType.CONTACT, "003000000000001AAA", "contact", 7, after, null,
                null, null);
        assertThat(OutboundContactMerge.decide(SALESFORCE, changed, relinked).crmFields())
                .containsOnly(Map.entry("FirstName", "Augusta"));
        assertThat(out.hashesAfterWrite(List.of())).isEqualTo(out.hashes());
    }

    @Test
    void aValueTheMapCannotSendIsLeftOutNamedAndKeepsItsOldBase() {
        PmContact before = contact(Map.of("phone", "+14155550100"));
        OutboundContactMerge.Outbound out = OutboundContactMerge.decide(SALESFORCE,
                contact(Map.of("phone", "not a phone", "first_name", "Augusta")), syncedAt(before));

        assertThat(out.crmFields()).containsOnlyKeys("FirstName");
        assertThat(out.problems()).containsOnlyKeys("phone");
        assertThat(out.hashes()).containsEntry("phone", ValueHash.of("+14155550100"));
        assertThat(out.sent()).containsOnly(Map.entry("FirstName", "first_name"));
    }

    @Test
    void aFieldTheContactDoesNotCarryIsNotSent() {
        Map<String, Object> values = new HashMap<>(contact(Map.of()).values());
        values.remove("lead_score");
        PmContact withoutScore = new PmContact(7, "acme", "ada@x.example", Instant.parse("2026-11-01T10:00:00Z"),
                values);

        OutboundContactMerge.Outbound out = OutboundContactMerge.decide(SALESFORCE, withoutScore, null);

        assertThat(out.crmFields()).doesNotContainKey("PenguinMails_Lead_Score__c").containsKey("Email");
        assertThat(out.hashes()).doesNotContainKey("lead_score");
    }
}
