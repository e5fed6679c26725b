/**
 * Deterministic demo data: tenants, contacts, companies, lists, campaigns and engagement events, generated inside PostgreSQL.
 */
@NullMarked
package com.penguinmails.crmsync.demo;

import org.jspecify.annotations.NullMarked;
