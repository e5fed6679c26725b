package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.conflict.ContactIdentity;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.job.contactpush.ConnectionTarget;
import com.penguinmails.crmsync.job.contactpush.ContactStores;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapper;
import com.penguinmails.crmsync.store.ContactSyncStore;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What deciding a chunk of live CRM people needs from PenguinMails, looked up in a few statements for the whole chunk:
 * the contacts their live links reach, the contacts holding the addresses of the unlinked ones (every address tried,
 * the primary first), the holders of the new addresses of linked ones, which of them PenguinMails deleted, and the
 * PenguinMails companies the people refer to.
 *
 * @param linked              contacts reached through live links, by id
 * @param emailOfUnlinked     the address each unlinked record (by CRM id) matches a contact by
 * @param newAddressOfLinked  the new address of each linked record (by CRM id) whose identity moved in the CRM
 * @param byEmail             the tenant's contacts holding the unlinked records' addresses
 * @param linksOfEmailMatches the live links of this connection to those contacts
 * @param holders             the contacts already holding a new address of a linked record
 * @param linksOfHolders      the live links of this connection to those holders
 * @param deletedInPm         the linked ids and addresses whose contacts PenguinMails deleted
 * @param companyIds          the PenguinMails company of each CRM company the records refer to
 */
record PeopleLookups(Map<Long, PmContact> linked, Map<String, String> emailOfUnlinked,
                     Map<String, String> newAddressOfLinked, Map<String, PmContact> byEmail,
                     Map<Long, RecordLink> linksOfEmailMatches, Map<String, Long> holders,
                     Map<Long, RecordLink> linksOfHolders, ContactSyncStore.Deleted deletedInPm,
                     Map<String, Long> companyIds) {

    /** Looks up what the live records of {@code type} need, given the chunk's links by CRM id. */
    static PeopleLookups of(ContactStores stores, ConnectionTarget target, ObjectType type, FieldMap map,
                            List<CrmRecord> live, Map<String, RecordLink> links) {
        List<Long> linkedIds = live.stream().map(r -> links.get(r.crmId())).filter(l -> l != null && l.live())
                .map(RecordLink::pmId).toList();
        Map<Long, PmContact> linked = stores.contacts().findByIds(target.tenantId(), linkedIds);
        Map<String, String> emailOfUnlinked = new HashMap<>();
        Map<String, List<String>> addressesOfUnlinked = new HashMap<>();
        Map<String, String> newAddressOfLinked = new HashMap<>();
        for (CrmRecord r : live) {
            RecordLink link = links.get(r.crmId());
            if (link == null || !link.live() || !linked.containsKey(link.pmId())) {
                Object email = FieldMapper.inbound(map, r.fields()).values().get("email");
                if (email != null) {
                    emailOfUnlinked.put(r.crmId(), email.toString().toLowerCase(Locale.ROOT));
                }
                addressesOfUnlinked.put(r.crmId(), ContactIdentity.addresses(map, r));
            } else {
                String address = ContactIdentity.identity(map, r, link, linked.get(link.pmId()));
                if (!address.equalsIgnoreCase(linked.get(link.pmId()).email())) {
                    newAddressOfLinked.put(r.crmId(), address.toLowerCase(Locale.ROOT));
                }
            }
        }
        Set<String> candidates = new LinkedHashSet<>(emailOfUnlinked.values());
        addressesOfUnlinked.values().forEach(candidates::addAll);
        Map<String, PmContact> byEmail = stores.contacts().findByEmails(target.tenantId(), candidates);
        Map<Long, RecordLink> linksOfEmailMatches = stores.links().findLiveByPmIds(target.connectionId(), type,
                "contact", byEmail.values().stream().map(PmContact::id).toList());
        // every address of a person is tried, the primary first: a contact holding any of them is the person's,
        // one not linked to another record of this connection first
        addressesOfUnlinked.forEach((crmId, addresses) -> addresses.stream().filter(byEmail::containsKey)
                .min(java.util.Comparator.comparing(a -> linkedElsewhere(linksOfEmailMatches.get(
                        byEmail.get(a).id()), crmId)))
                .ifPresent(address -> emailOfUnlinked.put(crmId, address)));
        Map<String, Long> holders = stores.contacts().holdersOf(target.tenantId(), newAddressOfLinked.values());
        Map<Long, RecordLink> linksOfHolders = stores.links().findLiveByPmIds(target.connectionId(), type, "contact",
                List.copyOf(new LinkedHashSet<>(holders.values())));
        ContactSyncStore.Deleted deletedInPm = stores.contacts().findDeleted(target.tenantId(),
                linkedIds.stream().filter(id -> !linked.containsKey(id)).toList(),
                emailOfUnlinked.values().stream().filter(e -> !byEmail.containsKey(e)).toList());
        Map<String, Long> companyIds = companiesReferredTo(stores, target, map, live);
        return new PeopleLookups(linked, emailOfUnlinked, newAddressOfLinked, byEmail, linksOfEmailMatches, holders,
                linksOfHolders, deletedInPm, companyIds);
    }

    private static boolean linkedElsewhere(@Nullable RecordLink link, String crmId) {
        return link != null && !link.crmId().equals(crmId);
    }

    /** The PenguinMails company of each CRM company the records refer to, through the companies' live links. */
    private static Map<String, Long> companiesReferredTo(ContactStores stores, ConnectionTarget target, FieldMap map,
                                                         List<CrmRecord> live) {
        List<String> refs = live.stream().map(r -> ContactIdentity.companyReference(map, r))
                .filter(Objects::nonNull).distinct().toList();
        Map<String, Long> companyIds = new HashMap<>();
        stores.links().findByCrmIds(target.connectionId(), ObjectType.COMPANY, refs).forEach((crmId, link) -> {
            if (link.live()) {
                companyIds.put(crmId, link.pmId());
            }
        });
        return companyIds;
    }
}
