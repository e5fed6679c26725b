package com.penguinmails.crmsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.core.ConflictPolicy;
import com.penguinmails.crmsync.core.CrmRecord;
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

class InboundContactMergeTest {

    private static final FieldMap HUBSPOT = FieldMapLoader.defaults(HubSpotConnectorProvider.KIND).get(ObjectType.CONTACT);
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-01T11:00:00Z");

    private static CrmRecord crm(Map<String, Object> fields, Instant modified) {
        return CrmRecord.of(ObjectType.CONTACT, "501", modified, fields);
    }

    private static PmContact pm(Map<String, Object> values, Instant updated) {
        Map<String, Object> all = new HashMap<>(values);
        all.putIfAbsent("email", "ada@x.example");
        all.putIfAbsent("unsubscribed", false);
        return new PmContact(7, "acme", (String) all.get("email"), updated, all);
    }

    private static RecordLink link(Map<String, String> hashes) {
        return new RecordLink(1, ObjectType.CONTACT, "501", "contact", 7, hashes, T0, null, null);
    }

    @Test
    void aNewCrmContactBecomesAPenguinMailsContactWithItsMappedValues() {
        InboundDecision d = InboundContactMerge.decide(HUBSPOT,
                crm(Map.of("email", " Ada@X.example", "firstname", "Ada", "phone", "415 555 0100"), T1), null, null);
        assertThat(d.syncable()).isTrue();
        assertThat(d.changesPenguinMails()).isTrue();
        assertThat(d.values()).containsEntry("email", "ada@x.example").containsEntry("first_name", "Ada")
                .containsEntry("phone", "+14155550100");
        assertThat(d.fieldHashes()).containsEntry("first_name", ValueHash.of("Ada"));
    }

    @Test
    void aCrmEditOfAFieldPenguinMailsLeftAloneWins() {
        RecordLink link = link(Map.of("first_name", ValueHash.of("Ada"), "last_name", ValueHash.of("Lovelace")));
        InboundDecision d = InboundContactMerge.decide(HUBSPOT,
                crm(Map.of("firstname", "Augusta", "lastname", "Lovelace"), T2), link,
                pm(Map.of("first_name", "Ada", "last_name", "Lovelace"), T1));
        assertThat(d.values()).containsEntry("first_name", "Augusta");
        assertThat(d.conflicts()).isEmpty();
        assertThat(d.changesPenguinMails()).isTrue();
        assertThat(d.penguinMailsWonAField()).isFalse();
    }

    @Test
    void bothSidesEditingAFieldIsAConflictResolvedByItsPolicyNewestWins() {
        RecordLink link = link(Map.of("job_title", ValueHash.of("Engineer")));
        InboundDecision crmNewer = InboundContactMerge.decide(HUBSPOT, crm(Map.of("jobtitle", "CTO"), T2), link,
                pm(Map.of("job_title", "VP Engineering"), T1));
        InboundDecision pmNewer = InboundContactMerge.decide(HUBSPOT, crm(Map.of("jobtitle", "CTO"), T1), link,
                pm(Map.of("job_title", "VP Engineering"), T2));
        assertThat(crmNewer.values()).containsEntry("job_title", "CTO");
        assertThat(crmNewer.conflicts()).containsExactly("job_title");
        assertThat(pmNewer.values()).containsEntry("job_title", "VP Engineering");
        assertThat(pmNewer.penguinMailsWonAField()).isTrue();
    }

    @Test
    void aFieldPenguinMailsWinsKeepsTheCrmsHashSoTheOutboundStepWritesItToTheCrm() {
        // given: job title edited on both sides, PenguinMails' edit newer
        RecordLink link = link(Map.of("job_title", ValueHash.of("Engineer")));
        PmContact contact = pm(Map.of("job_title", "VP Engineering"), T2);

        // when
        InboundDecision d = InboundContactMerge.decide(HUBSPOT, crm(Map.of("jobtitle", "CTO"), T1), link, contact);

        // then: the link keeps what HubSpot holds, so the contact's value differs from it and goes out
        assertThat(d.fieldHashes()).containsEntry("job_title", ValueHash.of("CTO"));
        RecordLink relinked = new RecordLink(1, ObjectType.CONTACT, "501", "contact", 7, d.fieldHashes(), T1, null,
                null);
        assertThat(OutboundContactMerge.decide(HUBSPOT, contact, relinked).crmFields())
                .containsEntry("jobtitle", "VP Engineering");
    }

    @Test
    void aCrmOptOutUnsubscribesButACrmOptInNeverResubscribes() {
        InboundDecision optOut = InboundContactMerge.decide(HUBSPOT, crm(Map.of("hs_email_optout", "true"), T2),
                link(Map.of()), pm(Map.of("unsubscribed", false), T1));
        assertThat(optOut.values()).containsEntry("unsubscribed", true);
        assertThat(optOut.changesPenguinMails()).isTrue();

        InboundDecision optIn = InboundContactMerge.decide(HUBSPOT, crm(Map.of("hs_email_optout", "false"), T2),
                link(Map.of("unsubscribed", ValueHash.of(true))), pm(Map.of("unsubscribed", true), T1));
        assertThat(optIn.values()).containsEntry("unsubscribed", true);
        assertThat(optIn.penguinMailsWonAField()).isTrue();
        // the link keeps the CRM's opt-in, so an outbound map with the opt-out field sends it again
        assertThat(optIn.fieldHashes()).containsEntry("unsubscribed", ValueHash.of(false));
    }

    @Test
    void ourOwnWriteEchoedBackByTheCrmChangesNothing() {
        RecordLink link = link(Map.of("last_name", ValueHash.of("Hopper")));
        InboundDecision d = InboundContactMerge.decide(HUBSPOT, crm(Map.of("lastname", "Hopper"), T2), link,
                pm(Map.of("last_name", "Hopper"), T1));
        assertThat(d.changesPenguinMails()).isFalse();
        assertThat(d.conflicts()).isEmpty();
    }

    @Test
    void aContactWithoutAUsableEmailCannotSyncAndSaysWhy() {
        InboundDecision missing = InboundContactMerge.decide(HUBSPOT, crm(Map.of("firstname", "Nobody"), T1), null,
                null);
        InboundDecision invalid = InboundContactMerge.decide(HUBSPOT, crm(Map.of("email", "nobody-at-x"), T1), null,
                null);
        assertThat(missing.syncable()).isFalse();
        assertThat(missing.problems()).extracting(p -> p.field() + " " + p.reason())
                .containsExactly("email is missing: a contact needs an e-mail address");
        assertThat(invalid.syncable()).isFalse();
        assertThat(invalid.problems()).extracting(p -> p.field() + " " + p.reason())
                .containsExactly("email is not an e-mail address");
    }

    @Test
    void aCrmAddressChangeMovesALinkedContactsAddress() {
        InboundDecision d = InboundContactMerge.decide(HUBSPOT, crm(Map.of("email", "New@x.example"), T2),
                link(Map.of("email", ValueHash.of("ada@x.example"))), pm(Map.of(), T1));
        assertThat(d.values()).containsEntry("email", "new@x.example");
        assertThat(d.fieldHashes()).containsEntry("email", ValueHash.of("new@x.example"));
        assertThat(d.changesPenguinMails()).isTrue();
    }

    @Test
    void anAddressPenguinMailsChangedStaysWhileTheCrmStillHoldsTheOneLastSynced() {
        InboundDecision d = InboundContactMerge.decide(HUBSPOT, crm(Map.of("email", "old@x.example"), T2),
                link(Map.of("email", ValueHash.of("old@x.example"))), pm(Map.of("email", "ada@x.example"), T1));
        assertThat(d.values()).containsEntry("email", "ada@x.example");
    }

    @Test
    void aContactMatchedByEmailKeepsItsAddress() {
        InboundDecision d = InboundContactMerge.decide(HUBSPOT, crm(Map.of("email", "ADA@x.example"), T2), null,
                pm(Map.of(), T1));
        assertThat(d.values()).containsEntry("email", "ada@x.example");
    }

    @Test
    void aLinkedContactWhoseAddressIsStillOneOfThePersonsKeepsIt() {
        FieldMap pipedrive = FieldMapLoader.defaults(PipedriveConnectorProvider.KIND).get(ObjectType.CONTACT);
        CrmRecord nonePrimary = crm(Map.of("emails", List.of(Map.of("value", "a@x.example", "primary", false),
                Map.of("value", "b@x.example", "primary", false))), T1);
        InboundDecision kept = InboundContactMerge.decide(pipedrive, nonePrimary,
                link(Map.of("email", ValueHash.of("b@x.example"))), pm(Map.of("email", "b@x.example"), T0));
        assertThat(kept.values()).containsEntry("email", "b@x.example");
    }

    @Test
    void crmTagsReplaceTheContactsTagsSortedAndAnUnchangedSetInAnotherOrderIsNoChange() {
        InboundDecision tagged = InboundContactMerge.decide(HUBSPOT,
                crm(Map.of("penguinmails_tags", "vip;beta"), T2), link(Map.of("tags", ValueHash.of(List.of()))),
                pm(Map.of("tags", List.of()), T1));
        assertThat(tagged.values()).containsEntry("tags", List.of("beta", "vip"));
        assertThat(tagged.changesPenguinMails()).isTrue();

        InboundDecision same = InboundContactMerge.decide(HUBSPOT, crm(Map.of("penguinmails_tags", "beta;vip"), T2),
                link(Map.of("tags", ValueHash.of(List.of("beta", "vip")))), pm(Map.of("tags", List.of("vip", "beta")),
                        T1));
        assertThat(same.changesPenguinMails()).isFalse();
    }

    @Test
    void theCrmCompanyReferenceResolvesThroughTheCompanysLinkAndAnUnlinkedOneLeavesTheCompanyAlone() {
        Map<String, Long> companyIds = Map.of("9001", 42L);
        InboundDecision linked = InboundContactMerge.decide(HUBSPOT, crm(Map.of("associatedcompanyid", "9001"), T2),
                link(Map.of()), pm(Map.of(), T1), companyIds);
        assertThat(linked.values()).containsEntry("company_id", 42L);
        assertThat(linked.changesPenguinMails()).isTrue();

        Map<String, Object> withCompany = new HashMap<>();
        withCompany.put("company_id", 7L);
        InboundDecision unknown = InboundContactMerge.decide(HUBSPOT, crm(Map.of("associatedcompanyid", "9002"), T2),
                link(Map.of("company_id", ValueHash.of(7L))), pm(withCompany, T1), companyIds);
        assertThat(unknown.values()).containsEntry("company_id", 7L);
        assertThat(unknown.changesPenguinMails()).isFalse();
    }

    /** The HubSpot contact map with the {@code jobtitle -> job_title} rule under {@code policy}. */
    private static FieldMap jobTitleUnder(ConflictPolicy policy) {
        return HUBSPOT.with(List.of(FieldMapLoader.rule("test", Map.of("crm", "jobtitle", "pm", "job_title",
                "policy", policy.name(), "transforms", List.of("trim")))));
    }

    /**
     * Job title synced as "Engineer", since edited to "CTO" in HubSpot at {@code crmAt} and to "VP Engineering" in
     * PenguinMails at {@code pmAt}.
     */
    private static InboundDecision jobTitleEditedOnBothSides(ConflictPolicy policy, Instant crmAt, Instant pmAt) {
        return InboundContactMerge.decide(jobTitleUnder(policy), crm(Map.of("jobtitle", "CTO"), crmAt),
                link(Map.of("job_title", ValueHash.of("Engineer"))), pm(Map.of("job_title", "VP Engineering"), pmAt));
    }

    @Test
    void bothSidesEditingAFieldUnderCrmWinsTakesTheCrmsValueEvenWhenPenguinMailsIsNewer() {
        InboundDecision d = jobTitleEditedOnBothSides(ConflictPolicy.CRM_WINS, T1, T2);

        assertThat(d.values()).containsEntry("job_title", "CTO");
        assertThat(d.conflicts()).containsExactly("job_title");
        assertThat(d.changesPenguinMails()).isTrue();
        assertThat(d.penguinMailsWonAField()).isFalse();
        assertThat(d.fieldHashes()).containsEntry("job_title", ValueHash.of("CTO"))
                .doesNotContainKey(FieldBases.crmKey("job_title"));
    }

    @Test
    void bothSidesEditingAFieldUnderPenguinMailsWinsKeepsPenguinMailsValueEvenWhenTheCrmIsNewer() {
        InboundDecision d = jobTitleEditedOnBothSides(ConflictPolicy.PENGUINMAILS_WINS, T2, T1);

        assertThat(d.values()).containsEntry("job_title", "VP Engineering");
        assertThat(d.conflicts()).containsExactly("job_title");
        assertThat(d.changesPenguinMails()).isFalse();
        assertThat(d.penguinMailsWonAField()).isTrue();
        // the link keeps what HubSpot holds, so the outbound step sends PenguinMails' value
        assertThat(d.fieldHashes()).containsEntry("job_title", ValueHash.of("CTO"));
    }

    @Test
    void underNewestWinsAnEditAtTheSameMomentOnBothSidesGoesToTheCrm() {
        InboundDecision d = jobTitleEditedOnBothSides(ConflictPolicy.NEWEST_WINS, T1, T1);

        assertThat(d.values()).containsEntry("job_title", "CTO");
        assertThat(d.conflicts()).containsExactly("job_title");
    }

    @Test
    void aPolicyDecidesNothingWhenOnlyOneSideChanged() {
        RecordLink link = link(Map.of("job_title", ValueHash.of("Engineer")));

        InboundDecision crmOnly = InboundContactMerge.decide(jobTitleUnder(ConflictPolicy.PENGUINMAILS_WINS),
                crm(Map.of("jobtitle", "CTO"), T2), link, pm(Map.of("job_title", "Engineer"), T1));
        InboundDecision pmOnly = InboundContactMerge.decide(jobTitleUnder(ConflictPolicy.CRM_WINS),
                crm(Map.of("jobtitle", "Engineer"), T2), link, pm(Map.of("job_title", "CTO"), T1));

        assertThat(crmOnly.values()).containsEntry("job_title", "CTO");
        assertThat(crmOnly.conflicts()).isEmpty();
        assertThat(pmOnly.values()).containsEntry("job_title", "CTO");
        assertThat(pmOnly.conflicts()).isEmpty();
        assertThat(pmOnly.penguinMailsWonAField()).isTrue();
    }

    @Test
    void aPenguinMailsUnsubscribeTheCrmDoesNotHaveIsKeptAndSentAsAnOptOut() {
        // given: never synced; unsubscribed in PenguinMails, not opted out in HubSpot
        InboundDecision d = InboundContactMerge.decide(HUBSPOT, crm(Map.of("hs_email_optout", "false"), T2),
                link(Map.of()), pm(Map.of("unsubscribed", true), T1));

        // then: still unsubscribed, nothing to write in PenguinMails, the opt-out goes to the CRM
        assertThat(d.values()).containsEntry("unsubscribed", true);
        assertThat(d.changesPenguinMails()).isFalse();
        assertThat(d.penguinMailsWonAField()).isTrue();
        assertThat(d.fieldHashes()).containsEntry("unsubscribed", ValueHash.of(false));
        assertThat(d.conflicts()).isEmpty();
    }

    @Test
    void consentIsStickyWhateverTheFieldsPolicy() {
        FieldMap crmWins = HUBSPOT.with(List.of(FieldMapLoader.rule("test", Map.of("crm", "hs_email_optout",
                "pm", "unsubscribed", "policy", "CRM_WINS", "transforms", List.of("bool")))));

        InboundDecision d = InboundContactMerge.decide(crmWins, crm(Map.of("hs_email_optout", "false"), T2),
                link(Map.of("unsubscribed", ValueHash.of(false))), pm(Map.of("unsubscribed", true), T1));

        assertThat(d.values()).containsEntry("unsubscribed", true);
        assertThat(d.conflicts()).isEmpty();
        assertThat(d.penguinMailsWonAField()).isTrue();
    }

    @Test
    void aNewCrmContactOptedOutArrivesUnsubscribedAndBothSidesOptedOutChangeNothing() {
        InboundDecision created = InboundContactMerge.decide(HUBSPOT,
                crm(Map.of("email", "ada@x.example", "hs_email_optout", "true"), T1), null, null);
        assertThat(created.values()).containsEntry("unsubscribed", true);
        assertThat(created.penguinMailsWonAField()).isFalse();

        InboundDecision agreed = InboundContactMerge.decide(HUBSPOT, crm(Map.of("hs_email_optout", "true"), T2),
                link(Map.of("unsubscribed", ValueHash.of(true))), pm(Map.of("unsubscribed", true), T1));
        assertThat(agreed.changesPenguinMails()).isFalse();
        assertThat(agreed.penguinMailsWonAField()).isFalse();
        assertThat(agreed.fieldHashes()).containsEntry("unsubscribed", ValueHash.of(true));
    }

    @Test
    void aCrmThatSaysNothingAboutConsentLeavesTheContactsConsentAndLinkAlone() {
        InboundDecision d = InboundContactMerge.decide(HUBSPOT, crm(Map.of("firstname", "Ada"), T2),
                link(Map.of("first_name", ValueHash.of("Ada"))), pm(Map.of("first_name", "Ada",
                        "unsubscribed", true), T1));

        assertThat(d.values()).containsEntry("unsubscribed", true);
        assertThat(d.fieldHashes()).doesNotContainKey("unsubscribed");
        assertThat(d.penguinMailsWonAField()).isFalse();
        assertThat(d.changesPenguinMails()).isFalse();
    }

    @Test
    void aFieldBlankedInTheCrmThatPenguinMailsLeftAloneIsCleared() {
        RecordLink link = link(Map.of("last_name", ValueHash.of("Lovelace")));

        InboundDecision d = InboundContactMerge.decide(HUBSPOT, crm(Map.of("lastname", "   "), T2), link,
                pm(Map.of("last_name", "Lovelace"), T1));

        assertThat(d.values()).containsEntry("last_name", null);
        assertThat(d.changesPenguinMails()).isTrue();
        assertThat(d.fieldHashes()).containsEntry("last_name", ValueHash.of(null));
    }

    @Test
    void onAFirstSyncABlankCrmValueTakesPenguinMailsValueAndSendsIt() {
        InboundDecision d = InboundContactMerge.decide(HUBSPOT, crm(Map.of("jobtitle", ""), T2), null,
                pm(Map.of("job_title", "CTO"), T1));

        assertThat(d.values()).containsEntry("job_title", "CTO");
        assertThat(d.conflicts()).isEmpty();
        assertThat(d.penguinMailsWonAField()).isTrue();
        assertThat(d.fieldHashes()).containsEntry("job_title", ValueHash.of(null));
    }

    @Test
    void aFieldTheCrmDidNotSendKeepsPenguinMailsValueAndItsBase() {
        RecordLink link = link(Map.of("phone", ValueHash.of("+14155550100")));

        InboundDecision d = InboundContactMerge.decide(HUBSPOT, crm(Map.of("firstname", "Ada"), T2), link,
                pm(Map.of("first_name", "Ada", "phone", "+14155550199"), T1));

        assertThat(d.values()).containsEntry("phone", "+14155550199");
        assertThat(d.fieldHashes()).containsEntry("phone", ValueHash.of("+14155550100"));
        assertThat(d.penguinMailsWonAField()).isFalse();
    }

    @Test
    void aCompanyPenguinMailsChangedKeepsItsValueAndTheCrmIsNotWrittenForAnInOnlyField() {
        // given: both sides were on company 5; PenguinMails moved the contact to 6, HubSpot still says 5
        RecordLink link = link(Map.of("company_id", ValueHash.of(5L)));
        Map<String, Object> moved = new HashMap<>();
        moved.put("company_id", 6L);

        InboundDecision d = InboundContactMerge.decide(HUBSPOT, crm(Map.of("associatedcompanyid", "9001"), T2),
                link, pm(moved, T1), Map.of("9001", 5L));

        assertThat(d.values()).containsEntry("company_id", 6L);
        assertThat(d.changesPenguinMails()).isFalse();
        assertThat(d.penguinMailsWonAField()).isFalse();
        assertThat(d.fieldHashes()).containsEntry("company_id", ValueHash.of(6L))
                .containsEntry(FieldBases.crmKey("company_id"), ValueHash.of(5L));
    }

    @Test
    void aCompanyNameTheContactMapReadsIsNotMergedSoNoBaseIsKeptForIt() {
        InboundDecision d = InboundContactMerge.decide(HUBSPOT,
                crm(Map.of("email", "ada@x.example", "company", "Acme"), T1), null, null);

        assertThat(d.values()).doesNotContainKey("company_name");
        assertThat(d.fieldHashes()).doesNotContainKey("company_name");
    }

    @Test
    void aCustomFieldMergesLikeAnyOther() {
        FieldMap withIndustry = HUBSPOT.with(List.of(FieldMapLoader.rule("test", Map.of("crm", "industry",
                "pm", "custom.industry", "transforms", List.of("trim")))));
        RecordLink link = link(Map.of("custom.industry", ValueHash.of("Retail")));

        InboundDecision d = InboundContactMerge.decide(withIndustry, crm(Map.of("industry", "Banking"), T2), link,
                pm(Map.of("custom.industry", "Retail"), T1));

        assertThat(d.values()).containsEntry("custom.industry", "Banking");
        assertThat(d.changesPenguinMails()).isTrue();
        assertThat(d.fieldHashes()).containsEntry("custom.industry", ValueHash.of("Banking"));
    }
}
