package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Fills the store with a deterministic org: per {@code contacts} about a tenth as many accounts, a quarter as many
 * leads and half as many tasks, realistic names on {@code .example} domains, some opted-out and bounced people, and a
 * few records already in the recycle bin. Same seed and size, same records and ids; times are relative to now.
 */
public final class SeedData {

    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken",
        "Frances", "John", "Radia", "Tim", "Katherine", "Dennis", "Hedy", "Linus", "Sophie", "Niklaus", "Anita",
        "Guido", "Lynn", "James", "Carol", "Bjarne", "Shafi", "Vint", "Mary", "Leslie", "Jean", "Brian", "Adele",
        "Robert", "Elena", "Tomas", "Priya", "Kwame", "Mei", "Lucas", "Amara", "Diego"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton",
        "Thompson", "Allen", "McCarthy", "Perlman", "Berners-Lee", "Johnson", "Ritchie", "Lamarr", "Torvalds",
        "Wilson", "Wirth", "Borg", "van Rossum", "Conway", "Gosling", "Shaw", "Stroustrup", "Goldwasser", "Cerf",
        "Keller", "Lamport", "Bartik", "Kernighan", "Goldberg", "Tarjan", "Garcia", "Novak", "Patel", "Mensah",
        "Chen", "Silva", "Okafor", "Alvarez"};
    private static final String[] COMPANY_A = {"Blue", "Granite", "Northwind", "Silver", "Maple", "Harbor", "Summit",
        "Cedar", "Quantum", "Redwood", "Lumen", "Atlas", "Polar", "Copper", "Orchid"};
    private static final String[] COMPANY_B = {"Analytics", "Logistics", "Foods", "Labs", "Media", "Systems",
        "Outfitters", "Health", "Finance", "Robotics", "Studios", "Energy"};
    private static final String[] TITLES = {"CEO", "CTO", "VP Marketing", "Marketing Manager", "Sales Director",
        "Account Executive", "Head of Growth", "Operations Manager", "Engineer", "Product Manager"};
    private static final String[] INDUSTRIES = {"Technology", "Retail", "Healthcare", "Media", "Banking",
        "Manufacturing", "Education", "Consulting"};
    private static final String[] SUBJECTS = {"Intro call", "Follow up on proposal", "Send pricing",
        "Email: Quarterly newsletter", "Demo scheduled", "Check in"};

    private SeedData() {
    }

    /** Resets {@code store} and loads the org for {@code seed} and {@code contacts}. */
    public static void load(RecordStore store, long seed, int contacts, Instant now) {
        Random random = new Random(seed);
        Instant orgCreated = now.minus(Duration.ofDays(120));
        store.reset(orgCreated);
        int accountCount = contacts == 0 ? 0 : Math.max(1, contacts / 10);
        List<String> accounts = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < accountCount; i++) {
            String name = COMPANY_A[random.nextInt(COMPANY_A.length)] + " " + COMPANY_B[random.nextInt(
                    COMPANY_B.length)] + (i >= COMPANY_A.length ? " " + (i + 1) : "");
            String domain = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".example";
            domains.add(domain);
            accounts.add(seed(store, random, now, "Account", Map.of("Name", name, "Website", "https://www." + domain,
                    "Industry", INDUSTRIES[random.nextInt(INDUSTRIES.length)])));
        }
        List<String> people = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            int account = random.nextInt(accountCount);
            Map<String, @Nullable String> values = person(random, i, domains.get(account));
            values.put("AccountId", accounts.get(account));
            people.add(seed(store, random, now, "Contact", values));
        }
        for (int i = 0; i < contacts / 4; i++) {
            Map<String, @Nullable String> values = person(random, contacts + i, "lead-" + (i % 50) + ".example");
            values.put("Company", COMPANY_A[random.nextInt(COMPANY_A.length)] + " "
                    + COMPANY_B[random.nextInt(COMPANY_B.length)]);
            people.add(seed(store, random, now, "Lead", values));
        }
        for (int i = 0; i < contacts / 2; i++) {
            Map<String, @Nullable String> values = new LinkedHashMap<>();
            values.put("WhoId", people.get(random.nextInt(people.size())));
            values.put("Subject", SUBJECTS[random.nextInt(SUBJECTS.length)]);
            values.put("Status", random.nextInt(3) == 0 ? "Not Started" : "Completed");
            values.put("TaskSubtype", random.nextInt(3) == 0 ? "Email" : "Task");
            values.put("ActivityDate", now.minus(Duration.ofDays(random.nextInt(60))).toString().substring(0, 10));
            seed(store, random, now, "Task", values);
        }
        for (int i = 0; i < contacts / 100; i++) {
            String id = people.get(random.nextInt(contacts));
            if (store.find(id).filter(r -> !r.deleted()).isPresent()) {
                store.seedDeletion(id, now.minus(Duration.ofMinutes(60 + random.nextInt(60 * 24 * 5))));
            }
        }
        store.seeded();
    }

    private static Map<String, @Nullable String> person(Random random, int n, String domain) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        Map<String, @Nullable String> values = new LinkedHashMap<>();
        values.put("FirstName", first);
        values.put("LastName", last);
        values.put("Email", (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + n + "@"
                + domain);
        values.put("Title", TITLES[random.nextInt(TITLES.length)]);
        values.put("Phone", String.format(Locale.ROOT, "+1 555 %03d %04d", random.nextInt(1000),
                random.nextInt(10000)));
        if (random.nextInt(20) == 0) {
            values.put("HasOptedOutOfEmail", "true");
        }
        if (random.nextInt(50) == 0) {
            values.put("EmailBouncedReason", "550 5.1.1 mailbox unavailable");
        }
        return values;
    }

    private static String seed(RecordStore store, Random random, Instant now, String object,
                               Map<String, @Nullable String> values) {
        Instant created = now.minus(Duration.ofMinutes(60L * 24 * 31 + random.nextInt(60 * 24 * 80)));
        Instant modified = now.minus(Duration.ofMinutes(60 + random.nextInt(60 * 24 * 25)));
        return store.seed(new WriteRequest(object, null, new LinkedHashMap<>(values)), created, modified);
    }
}
