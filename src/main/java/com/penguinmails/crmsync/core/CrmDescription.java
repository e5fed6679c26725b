package com.penguinmails.crmsync.core;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the suite knows about one CRM, apart from talking to it: the descriptive half of a CRM's provider, visible to
 * every layer (jobs, CLI, credentials, mapping) through {@link CrmProviders}. Each CRM's connector package implements
 * it with its connector provider; nothing else names a CRM. Its default field map is {@code jobs/mappings/<id>.yml}.
 */
public interface CrmDescription {

    /** The CRM's id. */
    CrmKind kind();

    /** The CRM's name as people write it ({@code HubSpot}): lists, messages. */
    String displayName();

    /** The CRM objects that hold people (PenguinMails contacts), in the order they are read and written. */
    default List<ObjectType> personObjects() {
        return List.of(ObjectType.CONTACT);
    }

    /** The CRM object that holds companies (read before the people, who point at them). */
    default ObjectType companyObject() {
        return ObjectType.COMPANY;
    }

    /** The settings only this CRM's connections take, with their help (the common ones are not repeated here). */
    default List<SettingRule> settingRules() {
        return List.of();
    }

    /** How its connections may authenticate. */
    Set<AuthMode> authModes();

    /** What to tell someone who gave credentials of a mode {@link #authModes()} does not hold. */
    default String authRefusal(AuthMode given) {
        return displayName() + " does not connect by " + (given == AuthMode.OAUTH ? "OAuth 2.0: give --api-token"
                : "API token: give --client-id, --client-secret and --refresh-token");
    }

    /** The settings a new connection (or new credentials) of {@code mode} start with (e.g. which header to send). */
    default Map<String, String> settingsFor(AuthMode mode) {
        return Map.of();
    }

    /** Contacts per outbound contact-sync chunk unless configured; 0: the job's chunk size. */
    default int outboundChunkSize() {
        return 0;
    }

    /** E-mails per engagement-sync chunk unless configured; 0: the job's chunk size. */
    default int engagementChunkSize() {
        return 0;
    }
}
