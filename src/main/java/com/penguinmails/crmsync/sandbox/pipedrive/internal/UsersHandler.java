package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/users/me}: the user behind the token, as clients call it to check a connection. */
public final class UsersHandler {

    private final String companyDomain;

    public UsersHandler(String companyDomain) {
        this.companyDomain = companyDomain;
    }

    public SandboxResponse me(SandboxRequest request, Caller caller) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", caller.userId());
        user.put("name", "Sandbox Admin");
        user.put("email", "admin@penguinmails-sandbox.example");
        user.put("company_id", AccountData.COMPANY_ID);
        user.put("company_name", "PenguinMails Sandbox");
        user.put("company_domain", companyDomain);
        user.put("default_currency", "USD");
        user.put("locale", "en_US");
        user.put("timezone_name", "UTC");
        user.put("active_flag", true);
        user.put("is_admin", 1);
        return Envelope.ok(user);
    }
}
