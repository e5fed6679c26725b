package com.penguinmails.crmsync.sandbox.hubspot;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Fills an empty portal deterministically from a seed: companies (one per five contacts), contacts with realistic
 * names and {@code .example} addresses associated with their company and subscribed to marketing email, and deals
 * (one per four contacts). Same seed and count, same records and ids; dates fall in the 90 days before now.
 */
final class SeedData {

    private static final List<String> FIRST = List.of("Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret",
            "Dennis", "Barbara", "Ken", "Radia", "Tim", "Frances", "Edsger", "Hedy", "John", "Sophie", "Guido",
            "Joan", "Bjarne", "Anita", "James", "Shafi", "Donald", "Leslie", "Niklaus", "Carol", "Vint", "Evelyn",
            "Ivan", "Mary", "Robert", "Lucia", "Mateo", "Amara", "Kenji", "Priya", "Omar", "Ingrid", "Tomas", "Zara");
    private static final List<String> LAST = List.of("Lovelace", "Hopper", "Turing", "Johnson", "Torvalds",
            "Hamilton", "Ritchie", "Liskov", "Thompson", "Perlman", "Berners-Lee", "Allen", "Dijkstra", "Lamarr",
            "McCarthy", "Wilson", "van Rossum", "Clarke", "Stroustrup", "Borg", "Gosling", "Goldwasser", "Knuth",
            "Lamport", "Wirth", "Shaw", "Cerf", "Berezin", "Sutherland", "Keller", "Novak", "Garcia", "Okafor",
            "Tanaka", "Sharma", "Haddad", "Lindqvist", "Svoboda", "Mensah", "Rossi");
    private static final List<String> COMPANY_WORDS = List.of("Acme", "Globex", "Initech", "Umbrella", "Hooli",
            "Vandelay", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent", "Aperture", "Massive", "Oscorp",
            "Pied Piper", "Gringotts", "Monarch", "Duff", "Blue Sun");
    private static final List<String> COMPANY_KINDS = List.of("Labs", "Systems", "Industries", "Logistics",
            "Analytics", "Foods", "Media", "Robotics", "Health", "Energy");
    private static final List<String> TITLES = List.of("Marketing Manager", "Head of Growth", "CTO", "Sales Director",
            "Account Executive", "Founder", "Operations Lead", "Product Manager", "Engineer", "CFO");
    private static final List<String> STAGES = List.of("subscriber", "lead", "marketingqualifiedlead",
            "salesqualifiedlead", "opportunity", "customer");
    private static final List<String> DEAL_STAGES = List.of("appointmentscheduled", "qualifiedtobuy",
            "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost");

    private SeedData() {
    }

    /** Seeds {@code contacts} contacts and their companies and deals; call under the write lock on an empty portal. */
    static void seed(Portal portal, long seed, int contacts, Instant now, String subscriptionId) {
        Random random = new Random(seed);
        Instant start = now.minus(Duration.ofDays(90));
        int companyCount = contacts == 0 ? 0 : Math.max(1, contacts / 5);
        long[] companyIds = new long[companyCount];
        String[] companyNames = new String[companyCount];
        String[] domains = new String[companyCount];
        Set<String> usedDomains = new HashSet<>();
        for (int i = 0; i < companyCount; i++) {
            String name = pick(random, COMPANY_WORDS) + " " + pick(random, COMPANY_KINDS);
            String domain = slug(name) + ".example";
            for (int n = 2; !usedDomains.add(domain); n++) {
                domain = slug(name) + n + ".example";
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put("name", name);
            values.put("domain", domain);
            values.put("numberofemployees", Integer.toString(5 + random.nextInt(5000)));
            companyIds[i] = seedRecord(portal, ObjectType.COMPANIES, values, random, start, now).id();
            companyNames[i] = name;
            domains[i] = domain;
        }
        Set<String> usedEmails = new HashSet<>();
        AssociationTypes.Type worksAt = AssociationTypes.defaultType(ObjectType.CONTACTS, ObjectType.COMPANIES)
                .orElseThrow();
        long[] contactIds = new long[contacts];
        for (int i = 0; i < contacts; i++) {
            int company = random.nextInt(companyCount);
            String first = pick(random, FIRST);
            String last = pick(random, LAST);
            String local = slug(first) + "." + slug(last);
            String email = local + "@" + domains[company];
            for (int n = 2; !usedEmails.add(email); n++) {
                email = local + n + "@" + domains[company];
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put("email", email);
            values.put("firstname", first);
            values.put("lastname", last);
            values.put("company", companyNames[company]);
            values.put(Portal.PRIMARY_COMPANY, Long.toString(companyIds[company]));
            values.put("jobtitle", pick(random, TITLES));
            values.put("phone", String.format(Locale.ROOT, "+1-555-%04d", random.nextInt(10_000)));
            values.put("lifecyclestage", pick(random, STAGES));
            if (random.nextInt(3) == 0) {
                values.put("penguinmails_lead_score", Integer.toString(random.nextInt(100)));
            }
            StoredObject contact = seedRecord(portal, ObjectType.CONTACTS, values, random, start, now);
            contactIds[i] = contact.id();
            portal.associations().add(worksAt, contact.id(), companyIds[company]);
            portal.subscriptions().set(email, subscriptionId,
                    new SubscriptionStore.Status(true, "LEGITIMATE_INTEREST_CLIENT", "Existing customer"));
        }
        AssociationTypes.Type dealContact = AssociationTypes.defaultType(ObjectType.DEALS, ObjectType.CONTACTS)
                .orElseThrow();
        for (int i = 0; i < contacts / 4; i++) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("dealname", pick(random, COMPANY_WORDS) + " renewal " + (i + 1));
            values.put("amount", Integer.toString(500 + random.nextInt(50_000)));
            values.put("pipeline", "default");
            values.put("dealstage", pick(random, DEAL_STAGES));
            StoredObject deal = seedRecord(portal, ObjectType.DEALS, values, random, start, now);
            portal.associations().add(dealContact, deal.id(), contactIds[random.nextInt(contacts)]);
        }
    }

    private static StoredObject seedRecord(Portal portal, ObjectType type, Map<String, String> values, Random random,
                                           Instant start, Instant now) {
        long span = Duration.between(start, now).toMillis();
        Instant created = start.plusMillis((long) (random.nextDouble() * span * 0.9));
        Instant updated = created.plusMillis((long) (random.nextDouble() * Duration.between(created, now)
                .minusMinutes(1).toMillis()));
        StoredObject object = ObjectWrites.newRecord(type, portal.nextId(), values, created, updated);
        portal.save(object);
        return object;
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
