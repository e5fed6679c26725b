package com.penguinmails.crmsync.connector.pipedrive.internal;

/**
 * What one API v2 request takes from the company's daily token budget, as Pipedrive documents it: get 1, list 10,
 * add or update 5, delete 3, search 20; and the v1 webhooks endpoints (no v2 yet): list 20, add 10, delete 6.
 */
public enum TokenCost {
    GET(1), LIST(10), WRITE(5), DELETE(3), SEARCH(20), V1_LIST(20), V1_WRITE(10), V1_DELETE(6);

    private final int tokens;

    TokenCost(int tokens) {
        this.tokens = tokens;
    }

    public int tokens() {
        return tokens;
    }
}
