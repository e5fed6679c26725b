/**
 * A faithful local Pipedrive: API v2 persons, organizations, deals and activities with cursor paging, search, custom
 * fields, the v1 person merge, API-token and OAuth authentication, token-budget and burst rate limits.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.pipedrive;

import org.jspecify.annotations.NullMarked;
