/**
 * The API's lifecycle of a connection: activate, pause, disconnect ({@code ConnectionLifecycleController} through
 * {@code ConnectionLifecycle}, which the console calls too), its sync
 * frequency and API allocation ({@code ConnectionScheduleController}), and resync now ({@code ResyncController},
 * {@code Resyncs}, also the console's Sync now). Every change goes through {@link com.penguinmails.crmsync.credentials.ConnectionRegistry}, audited
 * with the caller as actor.
 */
@NullMarked
package com.penguinmails.crmsync.serve.api.lifecycle;

import org.jspecify.annotations.NullMarked;
