/**
 * Applying stored change notices per connection, in order, once, across any number of replicas, with db-scheduler
 * ({@code crm_sync.scheduled_tasks}): one one-time task instance per connection ("apply the notices of connection
 * N", {@link com.penguinmails.crmsync.serve.dispatch.NoticeDispatch}), drained by whichever replica picks it
 * ({@link com.penguinmails.crmsync.serve.dispatch.NoticeDrain}) under contact-sync's lock on the connection, and a
 * recurring sweep that schedules connections whose notices have no task (a replica died, a notice came as the last
 * drain ended).
 *
 * <p>db-scheduler facts the next engineer needs: a task instance is picked by one replica at a time (optimistic
 * {@code version} update); a picked instance whose heartbeat stops for {@code missedHeartbeats} intervals is a dead
 * execution that another replica revives; {@code scheduleIfNotExists} does nothing while an instance exists, even a
 * picked one, which is why a drain loops until nothing is pending and reschedules itself when a notice came in
 * meanwhile.
 */
@NullMarked
package com.penguinmails.crmsync.serve.dispatch;

import org.jspecify.annotations.NullMarked;
