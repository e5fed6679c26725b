package com.penguinmails.crmsync.connector.pipedrive.internal;

/**
 * What one API v2 request takes from the company's daily token budget, as Pipedrive documents it: get 1, list 10,
 * add or update 5, delete 3, search 20.
 */
public enum TokenCost {
    GET(1), LIST(10), WRITE(5), DELETE(3), SEARCH(20);

    private final int tokens;

    TokenCost(int tokens) {
        this.tokens = tokens;
    }

    public int tokens() {
        return tokens;
    }
}
