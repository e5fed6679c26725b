package com.penguinmails.crmsync.core;

/**
 * The kinds of CRM record the suite syncs, named the CRM-neutral way; each connector maps them to its vendor's objects
 * (Salesforce Contact / Lead / Account / Opportunity, HubSpot contacts / companies / deals, Pipedrive persons /
 * organizations / deals). A CRM without leads (HubSpot, Pipedrive) has no {@link #LEAD}.
 */
public enum ObjectType {
    CONTACT, LEAD, COMPANY, DEAL
}
