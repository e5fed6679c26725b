package com.penguinmails.crmsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapLoader;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundContactMergeTest {

    private static final FieldMap SALESFORCE = FieldMapLoader.defaults(CrmKind.SALESFORCE).get(ObjectType.CONTACT);

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
}
