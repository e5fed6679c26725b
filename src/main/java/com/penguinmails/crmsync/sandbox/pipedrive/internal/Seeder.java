package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Fills a fresh account deterministically from the seed: {@code n} persons, about n/5 organizations, n/4 deals and
 * n/2 activities, with realistic names, {@code .example} emails, phone numbers, lead scores and times spread over the
 * last 180 days. Same seed and count, same records and ids.
 */
public final class Seeder {

    private static final List<String> FIRST = List.of("Ava", "Liam", "Mia", "Noah", "Emma", "Oliver", "Sofia",
            "Lucas", "Isla", "Mateo", "Chloe", "Leo", "Hannah", "Ethan", "Zoe", "Arjun", "Priya", "Kenji", "Yuki",
            "Fatima", "Omar", "Ingrid", "Lars", "Camila", "Diego", "Amara", "Kwame", "Elena", "Marco", "Aisha");
    private static final List<String> LAST = List.of("Smith", "Garcia", "Müller", "Rossi", "Tanaka", "Novak",
            "Okafor", "Johansson", "Silva", "Kowalski", "Nguyen", "Patel", "Dubois", "Kim", "Haddad", "O'Brien",
            "Fischer", "Costa", "Andersen", "Mensah", "Ivanova", "Moreau", "Schmidt", "Lopez", "Chen");
    private static final List<String> COMPANY_A = List.of("Acme", "Northwind", "Blue Fjord", "Polar", "Iceberg",
            "Granite", "Summit", "Harbor", "Aurora", "Cobalt", "Evergreen", "Maple", "Lighthouse", "Orbit", "Quartz");
    private static final List<String> COMPANY_B = List.of("Robotics", "Logistics", "Analytics", "Foods", "Studios",
            "Health", "Capital", "Energy", "Software", "Outfitters", "Labs", "Travel");
    private static final List<String> CITIES = List.of("Tallinn", "Berlin", "Lisbon", "Austin", "Toronto", "Oslo",
            "Dublin", "Madrid", "Warsaw", "Melbourne");

    private final AccountData data;

    public Seeder(AccountData data) {
        this.data = data;
    }

    public void seed(long seed, int contacts) {
        data.clear();
        if (contacts <= 0) {
            return;
        }
        Random random = new Random(seed);
        Instant now = data.now();
        FieldCatalog catalog = data.catalog();
        int organizations = Math.max(1, contacts / 5);
        java.util.Set<String> usedEmails = new java.util.HashSet<>();
        data.write(() -> {
            for (int i = 0; i < organizations; i++) {
                String name = COMPANY_A.get(random.nextInt(COMPANY_A.size())) + " "
                        + COMPANY_B.get(random.nextInt(COMPANY_B.size())) + (i >= 100 ? " " + (i / 100) : "");
                Map<String, @Nullable Object> fields = new LinkedHashMap<>();
                fields.put("name", name);
                fields.put("address", Map.of("value", (random.nextInt(200) + 1) + " Harbour Street, "
                        + CITIES.get(random.nextInt(CITIES.size()))));
                Map<String, @Nullable Object> custom = new LinkedHashMap<>();
                custom.put(catalog.keyOf(EntityType.ORGANIZATION, FieldCatalog.EMPLOYEES),
                        (long) (5 + random.nextInt(5000)));
                insert(EntityType.ORGANIZATION, fields, custom, random, now);
            }
            for (int i = 0; i < contacts; i++) {
                String first = FIRST.get(random.nextInt(FIRST.size()));
                String last = LAST.get(random.nextInt(LAST.size()));
                long orgId = 1 + random.nextInt(organizations);
                String org = (String) data.store(EntityType.ORGANIZATION).find(orgId, now).orElseThrow().field("name");
                String domain = org.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".example";
                String local = ascii(first + "." + last);
                if (!usedEmails.add(local + "@" + domain)) {
                    local = local + i;
                    usedEmails.add(local + "@" + domain);
                }
                Map<String, @Nullable Object> fields = new LinkedHashMap<>();
                fields.put("name", first + " " + last);
                fields.put("org_id", orgId);
                fields.put("emails", List.of(Map.of("value", local + "@" + domain, "primary", true, "label", "work")));
                fields.put("phones", random.nextInt(3) == 0 ? List.of() : List.of(Map.of("value",
                        String.format(Locale.ROOT, "+1 555 %04d", random.nextInt(10_000)), "primary", true,
                        "label", random.nextBoolean() ? "work" : "mobile")));
                fields.put("owner_id", AccountData.USER_IDS.get(random.nextInt(AccountData.USER_IDS.size())));
                Map<String, @Nullable Object> custom = new LinkedHashMap<>();
                if (random.nextInt(5) != 0) {
                    custom.put(catalog.keyOf(EntityType.PERSON, FieldCatalog.LEAD_SCORE),
                            Math.round(random.nextDouble() * 1000) / 10.0);
                }
                insert(EntityType.PERSON, fields, custom, random, now);
            }
            for (int i = 0; i < contacts / 4; i++) {
                long personId = 1 + random.nextInt(contacts);
                StoredRecord person = data.store(EntityType.PERSON).find(personId, now).orElseThrow();
                String status = List.of("open", "open", "open", "won", "lost").get(random.nextInt(5));
                Map<String, @Nullable Object> fields = new LinkedHashMap<>();
                fields.put("title", person.field("name") + " — " + List.of("Pilot", "Renewal", "Upgrade",
                        "Expansion").get(random.nextInt(4)));
                fields.put("person_id", personId);
                fields.put("org_id", person.field("org_id"));
                fields.put("value", (double) (500 + random.nextInt(50) * 250));
                fields.put("stage_id", (long) (1 + random.nextInt(5)));
                fields.put("status", status);
                insert(EntityType.DEAL, fields, Map.of(), random, now);
            }
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            for (int i = 0; i < contacts / 2; i++) {
                long personId = 1 + random.nextInt(contacts);
                String type = List.of("email", "call", "meeting", "task").get(random.nextInt(4));
                Map<String, @Nullable Object> fields = new LinkedHashMap<>();
                fields.put("type", type);
                fields.put("subject", switch (type) {
                    case "email" -> "Re: your PenguinMails trial";
                    case "call" -> "Intro call";
                    case "meeting" -> "Quarterly review";
                    default -> "Send proposal";
                });
                fields.put("person_id", personId);
                fields.put("due_date", today.plusDays(random.nextInt(60) - 30).toString());
                fields.put("done", random.nextBoolean());
                insert(EntityType.ACTIVITY, fields, Map.of(), random, now);
            }
            return null;
        });
    }

    private void insert(EntityType type, Map<String, @Nullable Object> values, Map<String, @Nullable Object> custom,
                        Random random, Instant now) {
        Instant added = now.minus(Duration.ofSeconds(1 + random.nextInt(180 * 24 * 3600)));
        long sinceAdded = Duration.between(added, now).toSeconds();
        Instant updated = added.plusSeconds(random.nextLong(sinceAdded + 1));
        Changes changes = new Changes(new LinkedHashMap<>(values), new LinkedHashMap<>(custom));
        Map<String, @Nullable Object> fields = RecordRules.onCreate(type, changes, updated);
        EntityStore store = data.store(type);
        store.put(new StoredRecord(store.newId(), fields, custom, added, updated, null, null));
    }

    private static String ascii(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replaceAll("[^A-Za-z.]", "").toLowerCase(Locale.ROOT);
    }
}
