/**
 * {@code crm-sync serve}: the long-running service of real-time sync. Its beans exist only in the context the
 * {@code serve} command starts ({@link com.penguinmails.crmsync.serve.ConditionalOnServe}); every other command's
 * context has none of them. Sub-packages: {@code webhook} (the CRMs' deliveries in), {@code dispatch} (applying
 * stored change notices per connection, across replicas, with db-scheduler); engineers adding a part of the service
 * (outbound listener, change streams, webhook subscriptions) put it in a sub-package of its own and mark its
 * configuration {@code @ConditionalOnServe}.
 */
@NullMarked
package com.penguinmails.crmsync.serve;

import org.jspecify.annotations.NullMarked;
