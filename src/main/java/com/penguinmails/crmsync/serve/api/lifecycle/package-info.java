/**
 * The API's lifecycle of a connection: activate, pause, disconnect ({@code ConnectionLifecycleController}), its sync
 * frequency and API allocation ({@code ConnectionScheduleController}), and resync now ({@code ResyncController},
 * {@code Resyncs}). Every change goes through {@link com.penguinmails.crmsync.credentials.ConnectionRegistry}, audited
 * with the caller as actor.
 */
@NullMarked
package com.penguinmails.crmsync.serve.api.lifecycle;

import org.jspecify.annotations.NullMarked;
