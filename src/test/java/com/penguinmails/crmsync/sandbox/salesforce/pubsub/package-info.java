/** Tests of the Salesforce sandbox's Pub/Sub API pieces. */
@NullMarked
package com.penguinmails.crmsync.sandbox.salesforce.pubsub;

import org.jspecify.annotations.NullMarked;
