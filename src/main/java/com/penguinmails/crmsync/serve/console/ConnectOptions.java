package com.penguinmails.crmsync.serve.console;

import com.penguinmails.crmsync.core.AuthMode;
import com.penguinmails.crmsync.core.CrmDescription;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import com.penguinmails.crmsync.serve.oauth.OAuthApps;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The ways the console offers to connect each CRM this build has: the hosted OAuth button when the service has that
 * CRM's OAuth app (and its callback and settings page) configured, the API-token form when the CRM takes a token.
 */
@Component
@ConditionalOnServe
class ConnectOptions {

    /** One CRM and how it can be connected here. */
    record Option(String crm, String name, boolean oauth, boolean token) {
    }

    private final CrmProviders crms;
    private final OAuthApps apps;

    ConnectOptions(CrmProviders crms, OAuthApps apps) {
        this.crms = crms;
        this.apps = apps;
    }

    /** Every CRM that can be connected one way or the other, in the build's order. */
    List<Option> all() {
        return crms.kinds().stream().map(this::of).filter(option -> option.oauth() || option.token()).toList();
    }

    /** How the CRM {@code crm} can be connected here. @throws ApiProblem.NotFound when this build has no such CRM */
    Option of(String crm) {
        return of(apps.kind(crm));
    }

    private Option of(CrmKind kind) {
        CrmDescription description = crms.describe(kind);
        return new Option(kind.id(), description.displayName(), apps.canStart(kind),
                description.authModes().contains(AuthMode.API_TOKEN));
    }
}
