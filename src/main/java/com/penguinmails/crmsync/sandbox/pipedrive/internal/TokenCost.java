package com.penguinmails.crmsync.sandbox.pipedrive.internal;

/**
 * What one request takes from the daily token budget. v1 costs as Pipedrive documents them (get 2, list 20,
 * update 10, delete 6, search 40); v2 endpoints cost about half (get 1, list 10, add/update 5, delete 3, search 20).
 * OAuth token requests are free (they go to Pipedrive's OAuth server, not the API).
 */
public enum TokenCost {
    V2_GET(1), V2_LIST(10), V2_WRITE(5), V2_DELETE(3), V2_SEARCH(20),
    V1_GET(2), V1_LIST(20), V1_WRITE(10), V1_DELETE(6), V1_SEARCH(40);

    private final int tokens;

    TokenCost(int tokens) {
        this.tokens = tokens;
    }

    public int tokens() {
        return tokens;
    }

    public boolean search() {
        return this == V2_SEARCH || this == V1_SEARCH;
    }
}
