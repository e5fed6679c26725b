package com.penguinmails.crmsync.demo;

import java.time.Instant;
import java.util.List;

/**
 * What the demo seeds: the same plan always yields the same rows (names, e-mails, companies, tags, events and their
 * times relative to {@code anchor}).
 *
 * @param tenants            tenant ids (names are derived)
 * @param contactsPerTenant  contacts per tenant
 * @param campaignsPerTenant campaigns per tenant, one every 9 days before the anchor; each e-mails every contact,
 *                           and opens (42%), clicks (11%), replies, bounces and unsubscribes follow: about 1.57
 *                           events per contact and campaign
 * @param seed               varies the generated data
 * @param anchor             the instant the newest campaign is sent after
 */
public record DemoPlan(List<String> tenants, int contactsPerTenant, int campaignsPerTenant, long seed, Instant anchor) {

    public static final List<String> DEFAULT_TENANTS = List.of("acme-robotics", "globex", "initech");

    public DemoPlan {
        tenants = List.copyOf(tenants);
        if (contactsPerTenant < 1) {
            throw new IllegalArgumentException("contacts per tenant must be at least 1, was " + contactsPerTenant);
        }
        if (campaignsPerTenant < 1) {
            throw new IllegalArgumentException("campaigns per tenant must be at least 1, was " + campaignsPerTenant);
        }
    }
}
