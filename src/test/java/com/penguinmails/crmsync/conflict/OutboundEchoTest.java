package com.penguinmails.crmsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.ConflictPolicy;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapLoader;
import com.penguinmails.crmsync.mapping.FieldRule;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the outbound step sends comes back from the CRM as no change: the link's hashes after a write, met by the
 * CRM's echo of what it was sent, merge to nothing in either direction, and PenguinMails keeps its own value.
 */
class OutboundEchoTest {

    private static final FieldMap SALESFORCE = crmWins(FieldMapLoader.defaults(SalesforceConnectorProvider.KIND)
            .get(ObjectType.CONTACT));
    private static final FieldMap PIPEDRIVE = crmWins(FieldMapLoader.defaults(PipedriveConnectorProvider.KIND)
            .get(ObjectType.CONTACT));
    private static final Instant LATER = Instant.parse("2026-11-01T11:00:00Z");
    private static final String LONG_TITLE = "Chief ".repeat(30).strip();

    private static FieldMap crmWins(FieldMap map) {
        return new FieldMap(map.crm(), map.type(), map.rules().stream().map(r -> new FieldRule(r.crmField(),
                r.pmField(), r.direction(), ConflictPolicy.CRM_WINS, r.transforms(), r.inbound(), r.outbound()))
                .toList());
    }

    private static PmContact contact(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(Map.of("email", "ada@x.example", "first_name", "Ada",
                "last_name", "Lovelace", "full_name", "Ada Lovelace", "unsubscribed", false, "lead_score", 40));
        all.putAll(values);
        return new PmContact(7, "acme", "ada@x.example", Instant.parse("2026-11-01T10:00:00Z"), all);
    }

    private static RecordLink link(Map<String, String> hashes) {
        return new RecordLink(1, ObjectType.CONTACT, "9", "contact", 7, hashes, null, null, null);
    }

    /** The inbound decision on the CRM record holding what it was sent (and what the CRM made of the rest). */
    private static InboundDecision echo(FieldMap map, PmContact contact, RecordLink link,
                                        Map<String, Object> crmFields) {
        return InboundContactMerge.decide(map, CrmRecord.of(ObjectType.CONTACT, "9", LATER, crmFields), link,
                contact, Map.of("001A", 5L));
    }

    private static void assertNoChange(InboundDecision d, PmContact contact) {
        assertThat(d.conflicts()).isEmpty();
        assertThat(d.penguinMailsWonAField()).isFalse();
        assertThat(d.changesPenguinMails()).isFalse();
        assertThat(d.values()).containsAllEntriesOf(contact.values().entrySet().stream()
                .filter(e -> d.values().containsKey(e.getKey()) && e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Test
    void aValueCutToTheCrmFieldsLengthComesBackAsNoChangeAndPenguinMailsKeepsItWhole() {
        PmContact before = contact(Map.of("job_title", "CEO"));
        RecordLink synced = link(OutboundContactMerge.decide(SALESFORCE, before, null).hashes());
        PmContact contact = contact(Map.of("job_title", LONG_TITLE));
        OutboundContactMerge.Outbound out = OutboundContactMerge.decide(SALESFORCE, contact, synced);
        String cut = LONG_TITLE.substring(0, 128);
        assertThat(out.crmFields()).containsEntry("Title", cut);
        assertThat(out.hashes()).containsEntry("job_title", ValueHash.of(LONG_TITLE))
                .containsEntry(FieldBases.crmKey("job_title"), ValueHash.of(cut.strip()));

        InboundDecision d = echo(SALESFORCE, contact, link(out.hashes()), Map.of("Email", "ada@x.example",
                "FirstName", "Ada", "LastName", "Lovelace", "Title", cut, "HasOptedOutOfEmail", false));
        assertNoChange(d, contact);
        assertThat(d.values()).containsEntry("job_title", LONG_TITLE);
        assertThat(OutboundContactMerge.decide(SALESFORCE, contact, link(d.fieldHashes())).crmFields()).isEmpty();
    }

    @Test
    void aPhoneNormalisedOnTheWayOutComesBackAsNoChangeAndPenguinMailsKeepsItsFormat() {
        PmContact contact = contact(Map.of("phone", "(650) 253-0001"));
        OutboundContactMerge.Outbound out = OutboundContactMerge.decide(SALESFORCE, contact, null);
        assertThat(out.crmFields()).containsEntry("Phone", "+16502530001");

        InboundDecision d = echo(SALESFORCE, contact, link(out.hashes()), Map.of("Email", "ada@x.example",
                "FirstName", "Ada", "LastName", "Lovelace", "Phone", "+16502530001", "HasOptedOutOfEmail", false));
        assertNoChange(d, contact);
        assertThat(d.values()).containsEntry("phone", "(650) 253-0001");
    }

    @Test
    void aRecordJustCreatedTakesItsFirstReadOfFieldsItWasNotSentAsTheEcho() {
        // PenguinMails has a company and tags the create does not send (in-only fields); the CRM has none yet
        PmContact contact = contact(Map.of("company_id", 5L, "tags", List.of("vip")));
        OutboundContactMerge.Outbound out = OutboundContactMerge.decide(SALESFORCE, contact, null);
        assertThat(out.hashes()).containsEntry(FieldBases.crmKey("company_id"), FieldBases.PENDING_ECHO);

        Map<String, Object> created = new HashMap<>(Map.of("Email", "ada@x.example", "FirstName", "Ada",
                "LastName", "Lovelace", "HasOptedOutOfEmail", false));
        created.put("AccountId", null);
        created.put("PenguinMails_Tags__c", null);
        InboundDecision d = echo(SALESFORCE, contact, link(out.hashes()), created);
        assertNoChange(d, contact);
        assertThat(d.values()).containsEntry("company_id", 5L).containsEntry("tags", List.of("vip"));
        // the echo read is the CRM's base from now on
        assertThat(d.fieldHashes()).containsEntry(FieldBases.crmKey("company_id"), ValueHash.of(null))
                .containsEntry("company_id", ValueHash.of(5L));

        // later, a company set in the CRM is a CRM change as usual
        InboundDecision edit = echo(SALESFORCE, contact, link(d.fieldHashes()), Map.of("Email", "ada@x.example",
                "AccountId", "001A", "HasOptedOutOfEmail", false));
        assertThat(edit.changesPenguinMails()).isFalse(); // same company as PenguinMails' (5): both agree now
        assertThat(edit.values()).containsEntry("company_id", 5L);
    }

    @Test
    void aNameThePipedriveDerivesItsFirstAndLastNameFromComesBackAsNoChange() {
        PmContact before = contact(Map.of());
        RecordLink synced = link(OutboundContactMerge.decide(PIPEDRIVE, before, null).hashes());
        // "Ada Augusta" "King": Pipedrive makes it "Ada Augusta King" and splits it its own way
        PmContact renamed = contact(Map.of("first_name", "Ada", "last_name", "Augusta King",
                "full_name", "Ada Augusta King"));
        OutboundContactMerge.Outbound out = OutboundContactMerge.decide(PIPEDRIVE, renamed, synced);
        assertThat(out.crmFields()).containsEntry("name", "Ada Augusta King");

        InboundDecision d = echo(PIPEDRIVE, renamed, link(out.hashes()), Map.of("emails",
                List.of(Map.of("value", "ada@x.example", "primary", true)), "first_name", "Ada Augusta",
                "last_name", "King"));
        assertNoChange(d, renamed);
        assertThat(d.values()).containsEntry("first_name", "Ada").containsEntry("last_name", "Augusta King");
        assertThat(OutboundContactMerge.decide(PIPEDRIVE, renamed, link(d.fieldHashes())).crmFields()).isEmpty();

        // then a rename in Pipedrive is a CRM change, which wins
        InboundDecision edit = echo(PIPEDRIVE, renamed, link(d.fieldHashes()), Map.of("emails",
                List.of(Map.of("value", "ada@x.example", "primary", true)), "first_name", "Augusta",
                "last_name", "King"));
        assertThat(edit.changesPenguinMails()).isTrue();
        assertThat(edit.values()).containsEntry("first_name", "Augusta").containsEntry("last_name", "Augusta King");
    }
}
