/**
 * Pipedrive's wire protocol, hidden from the rest of the suite: the HTTP transport (auth headers, error mapping,
 * token-budget headers), the typed v2 endpoints, the account's field catalogue, and the readers and writers the
 * connector delegates to.
 */
@NullMarked
package com.penguinmails.crmsync.connector.pipedrive.internal;

import org.jspecify.annotations.NullMarked;
