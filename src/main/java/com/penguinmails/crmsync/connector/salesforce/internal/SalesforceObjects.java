package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.core.ObjectType;

/**
 * The Salesforce objects behind the CRM-neutral types: CONTACT = Contact, LEAD = Lead, COMPANY = Account,
 * DEAL = Opportunity; activities are Tasks.
 */
public final class SalesforceObjects {

    public static final String TASK = "Task";

    private SalesforceObjects() {
    }

    public static String name(ObjectType type) {
        return switch (type) {
            case CONTACT -> "Contact";
            case LEAD -> "Lead";
            case COMPANY -> "Account";
            case DEAL -> "Opportunity";
        };
    }
}
