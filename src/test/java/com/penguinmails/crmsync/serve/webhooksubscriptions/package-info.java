/** Tests of the service's webhook subscriptions: registration against the Pipedrive sandbox, and its schedule. */
@NullMarked
package com.penguinmails.crmsync.serve.webhooksubscriptions;

import org.jspecify.annotations.NullMarked;
