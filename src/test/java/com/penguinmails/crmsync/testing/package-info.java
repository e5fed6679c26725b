/**
 * Test support: the real PostgreSQL every test runs on, one fresh database per test class; and a driver per CRM
 * ({@link com.penguinmails.crmsync.testing.CrmDriver}) that starts its sandbox, connects a tenant and acts in the CRM
 * as a user would, through the vendor's public API, and reads its timeline, so a test asserts the same scenario of
 * every CRM; and the Spring wiring the job ITs share ({@link com.penguinmails.crmsync.testing.SyncJobIT}).
 */
@NullMarked
package com.penguinmails.crmsync.testing;

import org.jspecify.annotations.NullMarked;
